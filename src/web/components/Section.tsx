import { type ReactNode, useId } from 'react';

/** A titled part of a page (h2 under the page's h1). */
export function Section({ title, id, children, actions }: { title: string; id?: string; children: ReactNode; actions?: ReactNode }) {
  const headingId = useId();
  return (
    <section id={id} aria-labelledby={headingId} className="mb-10 scroll-mt-4">
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4 border-b-2 border-blue-900 pb-2">
        <h2 id={headingId} className="text-std-24B-150 text-solid-gray-900">
          {title}
        </h2>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      {children}
    </section>
  );
}
