import type { ReactNode } from 'react';

export type AlertTone = 'error' | 'success' | 'info' | 'warning';

const TONES: Readonly<Record<AlertTone, string>> = {
  error: 'border-error-1 bg-red-50',
  success: 'border-success-2 bg-green-50',
  info: 'border-blue-900 bg-blue-50',
  warning: 'border-warning-yellow-2 bg-yellow-50',
};

const TITLE_COLOURS: Readonly<Record<AlertTone, string>> = {
  error: 'text-error-2',
  success: 'text-success-2',
  info: 'text-blue-1000',
  warning: 'text-yellow-1100',
};

interface AlertProps {
  tone?: AlertTone;
  title?: string;
  children?: ReactNode;
  className?: string;
  id?: string;
}

/** A message box. Errors are announced at once (role="alert"), the rest politely (role="status"). */
export function Alert({ tone = 'error', title, children, className, id }: AlertProps) {
  return (
    <div
      id={id}
      role={tone === 'error' ? 'alert' : 'status'}
      className={`rounded-8 border-2 px-4 py-3 text-std-16N-170 text-solid-gray-900 ${TONES[tone]} ${className ?? ''}`}
    >
      {title ? <p className={`text-std-17B-170 ${TITLE_COLOURS[tone]}`}>{title}</p> : null}
      {children ? <div className="whitespace-pre-line">{children}</div> : null}
    </div>
  );
}
