import type { ComponentPropsWithRef } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'tertiary' | 'danger';
export type ButtonSize = 'md' | 'sm';

const BASE =
  'inline-flex items-center justify-center gap-2 rounded-8 border-2 text-center underline-offset-[0.2em] hover:underline disabled:cursor-not-allowed disabled:no-underline';

const VARIANTS: Readonly<Record<ButtonVariant, string>> = {
  primary:
    'border-blue-900 bg-blue-900 text-white hover:border-blue-1000 hover:bg-blue-1000 active:bg-blue-1200 disabled:border-solid-gray-300 disabled:bg-solid-gray-300 disabled:text-solid-gray-50',
  secondary:
    'border-blue-900 bg-white text-blue-900 hover:border-blue-1000 hover:bg-blue-200 hover:text-blue-1000 active:bg-blue-300 disabled:border-solid-gray-300 disabled:bg-white disabled:text-solid-gray-300',
  tertiary:
    'border-transparent bg-transparent text-blue-900 underline hover:bg-blue-50 hover:text-blue-1000 active:bg-blue-100 disabled:text-solid-gray-300',
  danger:
    'border-red-900 bg-red-900 text-white hover:border-red-1000 hover:bg-red-1000 active:bg-red-1200 disabled:border-solid-gray-300 disabled:bg-solid-gray-300 disabled:text-solid-gray-50',
};

const SIZES: Readonly<Record<ButtonSize, string>> = {
  md: 'min-h-12 px-4 py-2 text-oln-16B-100',
  sm: 'min-h-9 px-3 py-1 text-oln-14B-100',
};

/** Class names of a button, for links that look like one. */
export function buttonClass(variant: ButtonVariant = 'primary', size: ButtonSize = 'md'): string {
  return `${BASE} ${VARIANTS[variant]} ${SIZES[size]}`;
}

export interface ButtonProps extends ComponentPropsWithRef<'button'> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

export function Button({ variant = 'primary', size = 'md', className, type = 'button', ...rest }: ButtonProps) {
  const classes = className ? `${buttonClass(variant, size)} ${className}` : buttonClass(variant, size);
  return <button type={type} className={classes} {...rest} />;
}
