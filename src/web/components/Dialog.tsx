import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useI18n } from '../lib/locale.js';
import { Alert } from './Alert.js';
import { Button } from './Button.js';

interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A modal dialog on the native <dialog> (showModal): focus moves in and stays there, Esc closes,
 * the page behind is inert. Labelled by its heading.
 */
export function Dialog({ open, title, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // Close a dialog left open when the page goes away (e.g. idle logoff).
  useEffect(() => {
    const dialog = ref.current;
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-16 border border-solid-gray-420 bg-white p-6 text-solid-gray-900 shadow-3"
    >
      {open ? (
        <>
          <h2 id={titleId} className="mb-4 text-std-22B-150">
            {title}
          </h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}

/** Asks before a destructive or far-reaching action. */
export function ConfirmDialog({ open, title, children, confirmLabel, danger, busy, error, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useI18n();
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <div className="mb-6 text-std-16N-170">{children}</div>
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      <div className="flex flex-wrap justify-end gap-3">
        <Button variant="secondary" onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant={danger ? 'danger' : 'primary'} onClick={onConfirm} disabled={busy} aria-busy={busy || undefined}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}
