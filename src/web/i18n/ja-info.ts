/** 照会・出力資料管理簿の画面文言（ja.ts に取り込む）。 */
export const jaInfo = {
  'nav.inquiry': '照会',
  'nav.outputs': '出力資料',
  'inquiry.title': '照会',
  'outputs.title': '個人情報出力資料管理簿',
};
