import type { ReactNode } from 'react';

/** Term–value pairs (基本情報 and the like) as a description list. */
export function DetailList({ children }: { children: ReactNode }) {
  return <dl className="border-t border-solid-gray-420">{children}</dl>;
}

export function DetailItem({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 border-b border-solid-gray-420 py-3 md:grid-cols-[14rem_1fr] md:gap-4">
      <dt className="text-std-16B-170">{term}</dt>
      <dd className="text-std-16N-170 break-words">{children}</dd>
    </div>
  );
}
