/**
 * ID-13 / NPA 第2-10(3): staff are told before first use that their use is recorded and may be
 * analysed. Changing the text means a new version, which every user acknowledges again.
 */
export const MONITORING_NOTICE = {
  version: '2026-11-01',
  title: { ja: '利用上の注意（アクセス記録の取得と分析について）', en: 'Monitoring notice' },
  paragraphs: {
    ja: [
      'このシステムの利用状況（ログイン、照会、出力、設定変更等）は、日時・利用者・内容とともにすべて記録されます。',
      '記録は改ざんできない形で5年間保存され、適正な利用であるかを確認するため、定期的に又は必要に応じて分析されます。',
      '業務上の必要がない照会や目的外の利用は禁止されています。不適正な利用が認められた場合は、所属長による指導や利用権の停止等の措置が取られます。',
    ],
    en: [
      'Every use of this system (log-ins, look-ups, outputs, changes of settings) is recorded with the time, the user and what was done.',
      'The records are kept for five years in a form that cannot be altered unnoticed, and are analysed regularly and whenever needed to confirm that use is appropriate.',
      'Look-ups without a business need and use for any other purpose are forbidden. Inappropriate use leads to guidance by the head of unit and may lead to suspension of use rights.',
    ],
  },
} as const;
