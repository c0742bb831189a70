import type { SqlValue } from '../../kernel/storage/port.js';

/** A piece of SQL with its bound values, in the order their `?` appear. Values are never spliced into text. */
export interface Frag {
  text: string;
  params: SqlValue[];
}

export const raw = (text: string): Frag => ({ text, params: [] });
export const param = (value: SqlValue, cast = ''): Frag => ({ text: `?${cast}`, params: [value] });

/** Template tag: `${frag}` embeds a fragment; any other value becomes a bound parameter. */
export function sql(strings: TemplateStringsArray, ...values: (Frag | SqlValue)[]): Frag {
  let text = strings[0] ?? '';
  const params: SqlValue[] = [];
  values.forEach((v, i) => {
    if (v !== null && typeof v === 'object' && 'text' in v && 'params' in v) {
      text += v.text;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(v as SqlValue);
    }
    text += strings[i + 1] ?? '';
  });
  return { text, params };
}

export function join(frags: readonly Frag[], sep: string): Frag {
  return { text: frags.map((f) => f.text).join(sep), params: frags.flatMap((f) => f.params) };
}
