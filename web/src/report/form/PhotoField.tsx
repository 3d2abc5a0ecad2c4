// An optional photo: taken or chosen, shrunk in the browser (photo.ts) and shown as a thumbnail.
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FieldMessage } from './FieldMessage.tsx'
import { type Photo, resizePhoto } from './photo.ts'

export function PhotoField({
  value,
  onChange,
  error,
}: {
  value: Photo | null
  onChange: (photo: Photo | null) => void
  error: string | undefined
}) {
  const { t, i18n } = useTranslation()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const inputId = useId()
  const id = 'report-photo'

  const choose = async (file: File | undefined) => {
    if (!file) return
    setBusy(true)
    setFailure(null)
    try {
      onChange(await resizePhoto(file))
    } catch (reason) {
      setFailure(reason instanceof Error ? reason.message : String(reason))
    } finally {
      setBusy(false)
    }
  }

  const kilobytes = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 })
  return (
    <div className="rp-field" data-invalid={error ? 'true' : undefined}>
      <span className="rp-field__label">{t('report.form.photo')}</span>
      {value ? (
        <div className="rp-photo">
          <img
            className="rp-photo__thumb"
            src={value.dataUrl}
            alt={t('report.photo.alt')}
            data-testid="photo-thumb"
          />
          <div className="rp-photo__side">
            {value.width > 0 && (
              <span className="rp-muted">
                {t('report.photo.size', {
                  width: value.width,
                  height: value.height,
                  size: kilobytes.format(value.bytes / 1024),
                })}
              </span>
            )}
            <button className="rp-button" type="button" onClick={() => onChange(null)}>
              {t('report.photo.remove')}
            </button>
          </div>
        </div>
      ) : (
        <>
          {/* The label is the button: a file input cannot be styled on every phone. */}
          <label className="rp-button rp-button--file" htmlFor={inputId}>
            {busy ? t('report.photo.preparing') : t('report.photo.add')}
          </label>
          <input
            id={inputId}
            className="visually-hidden"
            type="file"
            accept="image/*"
            data-field="photo"
            aria-describedby={error ? `${id}-error` : undefined}
            data-testid="photo-input"
            onChange={(e) => {
              void choose(e.target.files?.[0])
              e.target.value = ''
            }}
          />
        </>
      )}
      {failure && <p className="rp-note rp-note--error">{t('report.photo.failed', { reason: failure })}</p>}
      <FieldMessage id={`${id}-error`} text={error} />
    </div>
  )
}
