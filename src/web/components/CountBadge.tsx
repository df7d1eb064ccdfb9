/** A number in a small rounded box beside a menu entry; the words are for screen readers. */
export function CountBadge({ count, label, urgent = false }: { count: number; label: string; urgent?: boolean }) {
  return (
    <span
      className={`ml-2 inline-block min-w-6 rounded-full border px-2 text-center text-dns-14B-130 ${
        urgent ? 'border-error-2 bg-red-50 text-red-1100' : 'border-blue-900 bg-blue-50 text-blue-1000'
      }`}
    >
      <span aria-hidden="true">{count}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}
