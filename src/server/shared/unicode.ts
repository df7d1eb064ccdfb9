/** A UTF-16 surrogate without its partner: not a character, with no UTF-8 (or RFC 8785) form. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
