// The report form: each field with its own message when it is wrong (the browser's checks first, then the
// server's reasons when a refused report is corrected). Saving hands the body to the outbox, nothing more.
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OutboxItem } from '../outbox/outbox.ts'
import { COUNT_NAMES, LIMITS, REPORT_TYPES, type ReportBody } from '../report-body.ts'
import { type Draft, type DraftErrors, emptyDraft, fromBody, toBody, validate } from './draft.ts'
import { FieldMessage } from './FieldMessage.tsx'
import { FIELDS, type Field, type FieldErrors } from './fields.ts'
import { LocationField } from './LocationField.tsx'
import { PhotoField } from './PhotoField.tsx'

export interface ReportFormProps {
  onSave: (body: ReportBody, replacing?: string) => Promise<void>
  /** A refused report being corrected: its values and the server's reasons. */
  editing: OutboxItem | null
  onCancelEdit: () => void
  disabled: boolean
}

export function ReportForm({ onSave, editing, onCancelEdit, disabled }: ReportFormProps) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(new Date()))
  const [checked, setChecked] = useState(false)
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState(false)
  /** A new number after each save: the location picker starts afresh (map closed, no GPS message). */
  const [round, setRound] = useState(0)
  const formRef = useRef<HTMLFormElement>(null)

  useEffect(() => {
    if (!editing) return
    setDraft(fromBody(editing.body))
    setServerErrors(editing.fieldErrors ?? {})
    setChecked(true)
    setSaved(false)
    formRef.current?.scrollIntoView({ block: 'start' })
  }, [editing])

  const errors: DraftErrors = checked ? validate(draft, Date.now()) : {}
  const message = (field: Field): string | undefined => {
    const code = errors[field]
    if (code) return t(`report.errors.${code}`)
    const reason = serverErrors[field]
    return reason ? t('report.errors.server', { reason }) : undefined
  }
  const invalid = FIELDS.filter((f) => message(f) !== undefined)

  /** Changes one part of the draft; the server's reason about that field no longer applies. */
  const change = <K extends keyof Draft>(key: K, value: Draft[K], field: Field = key as Field) => {
    setDraft((d) => ({ ...d, [key]: value }))
    setServerErrors(({ [field]: _, ...rest }) => rest)
    setSaved(false)
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setChecked(true)
    const found = validate(draft, Date.now())
    const first = FIELDS.find((f) => found[f])
    if (first) {
      formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus()
      return
    }
    setSaving(true)
    try {
      await onSave(toBody(draft), editing?.key)
      setDraft(emptyDraft(new Date()))
      setChecked(false)
      setServerErrors({})
      setSaved(true)
      setRound((n) => n + 1)
    } finally {
      setSaving(false)
    }
  }

  return (
    <form ref={formRef} className="rp-card rp-form" onSubmit={submit} noValidate data-testid="report-form">
      <h2 className="rp-card__title">{t('report.form.title')}</h2>
      {editing && <p className="rp-note rp-note--warn">{t('report.form.correcting')}</p>}

      <Row label={t('report.form.type')} field="type" error={message('type')}>
        {(props) => (
          <select
            {...props}
            className="rp-input"
            value={draft.type}
            onChange={(e) => change('type', e.target.value as Draft['type'])}
          >
            <option value="">{t('report.form.typeChoose')}</option>
            {REPORT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`layers.incidents.types.${type}`)}
              </option>
            ))}
          </select>
        )}
      </Row>

      <Row label={t('report.form.occurredAt')} field="occurredAt" error={message('occurredAt')}>
        {(props) => (
          <input
            {...props}
            className="rp-input"
            type="datetime-local"
            value={draft.occurredAt}
            onChange={(e) => change('occurredAt', e.target.value)}
          />
        )}
      </Row>

      <LocationField
        key={round}
        value={draft.location}
        onChange={(location) => change('location', location)}
        error={message('location')}
      />

      <fieldset className="rp-fieldset">
        <legend className="rp-field__label">{t('report.form.people')}</legend>
        <div className="rp-counts">
          {COUNT_NAMES.map((name) => (
            <Row key={name} label={t(`report.counts.${name}`)} field={name} error={message(name)}>
              {(props) => (
                <input
                  {...props}
                  className="rp-input rp-input--count"
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder="0"
                  value={draft.counts[name]}
                  onChange={(e) => change('counts', { ...draft.counts, [name]: e.target.value }, name)}
                />
              )}
            </Row>
          ))}
        </div>
      </fieldset>

      <Row label={t('report.form.description')} field="description" error={message('description')}>
        {(props) => (
          <textarea
            {...props}
            className="rp-input rp-textarea"
            rows={4}
            maxLength={LIMITS.descriptionMax + 500}
            placeholder={t('report.form.descriptionHint')}
            value={draft.description}
            onChange={(e) => change('description', e.target.value)}
          />
        )}
      </Row>

      <PhotoField value={draft.photo} onChange={(photo) => change('photo', photo)} error={message('photo')} />

      {serverErrors.form && (
        <p className="rp-note rp-note--error">{t('report.errors.server', { reason: serverErrors.form })}</p>
      )}
      {invalid.length > 0 && (
        <p className="rp-note rp-note--error" role="alert" data-testid="form-invalid">
          {t('report.form.invalid', { count: invalid.length })}
        </p>
      )}
      {saved && (
        <p className="rp-note rp-note--ok" role="status" data-testid="form-saved">
          {t('report.form.saved')}
        </p>
      )}
      <div className="rp-actions">
        {editing && (
          <button className="rp-button" type="button" onClick={onCancelEdit}>
            {t('report.form.cancelEdit')}
          </button>
        )}
        <button
          className="rp-button rp-button--primary rp-button--wide"
          type="submit"
          disabled={disabled || saving}
          data-testid="send"
        >
          {saving ? t('report.form.saving') : t('report.form.send')}
        </button>
      </div>
    </form>
  )
}

interface ControlProps {
  id: string
  'data-field': Field
  'aria-invalid': boolean
  'aria-describedby'?: string
}

/** A label, its control and the control's own message, tied together for screen readers. */
function Row({
  label,
  field,
  error,
  children,
}: {
  label: string
  field: Field
  error: string | undefined
  children: (props: ControlProps) => ReactNode
}) {
  const id = `report-${field}`
  return (
    <div className="rp-field" data-invalid={error ? 'true' : undefined}>
      <label className="rp-field__label" htmlFor={id}>
        {label}
      </label>
      {children({
        id,
        'data-field': field,
        'aria-invalid': Boolean(error),
        ...(error ? { 'aria-describedby': `${id}-error` } : {}),
      })}
      <FieldMessage id={`${id}-error`} text={error} />
    </div>
  )
}
