import { CheckboxField, FieldGroup } from '../../components/Field.js';
import { Section } from '../../components/Section.js';
import type { Locale } from '../../i18n/index.js';
import { useI18n } from '../../lib/locale.js';
import { useChangeLocale } from '../../lib/use-change-locale.js';

const CHOICES: readonly { value: Locale; label: string }[] = [
  { value: 'ja', label: '日本語' },
  { value: 'en', label: 'English' },
];

export function LanguageSection() {
  const { t, locale } = useI18n();
  const changeLocale = useChangeLocale();
  return (
    <Section id="language" title={t('account.language')}>
      <FieldGroup legend={t('language.legend')} hint={t('language.hint')}>
        {CHOICES.map((choice) => (
          <CheckboxField
            key={choice.value}
            type="radio"
            name="ui-language"
            value={choice.value}
            label={<span lang={choice.value}>{choice.label}</span>}
            checked={locale === choice.value}
            onChange={() => changeLocale(choice.value)}
          />
        ))}
      </FieldGroup>
    </Section>
  );
}
