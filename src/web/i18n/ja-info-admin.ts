/** 適用業務・業務利用権・照会記録・取扱説明書の画面文言（ja.ts に取り込む）。 */
export const jaInfoAdmin = {
  'nav.info': '業務管理',
  'info.title': '業務管理',
};
