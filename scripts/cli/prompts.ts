import { UsageError } from './io.ts';

/** The few questions the authoring commands ask, over @clack/prompts (loaded only when asked). */
export interface Prompter {
  text(message: string, opts?: { initial?: string; placeholder?: string; validate?: (v: string) => string | undefined }): Promise<string>;
  select(message: string, options: readonly string[], initial?: string): Promise<string>;
  confirm(message: string, initial?: boolean): Promise<boolean>;
  note(message: string, title?: string): Promise<void>;
}

export function clackPrompter(): Prompter {
  const load = () => import('@clack/prompts');
  const answer = async <T>(p: Promise<T | symbol>): Promise<Exclude<T, symbol>> => {
    const { isCancel, cancel } = await load();
    const v = await p;
    if (isCancel(v)) { cancel('Cancelled; nothing was written.'); throw new UsageError('cancelled; nothing was written'); }
    return v as Exclude<T, symbol>;
  };
  return {
    async text(message, opts = {}) {
      const { text } = await load();
      return answer(text({ message, initialValue: opts.initial, placeholder: opts.placeholder, validate: opts.validate ? (v) => opts.validate!(v ?? '') : undefined }));
    },
    async select(message, options, initial) {
      const { select } = await load();
      return answer(select({ message, options: options.map((o) => ({ value: o, label: o })), initialValue: initial }));
    },
    async confirm(message, initial = true) {
      const { confirm } = await load();
      return answer(confirm({ message, initialValue: initial }));
    },
    async note(message, title) {
      const { note } = await load();
      note(message, title);
    },
  };
}
