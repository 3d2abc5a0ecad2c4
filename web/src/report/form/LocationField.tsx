// Where it happened: the phone's GPS fix with its accuracy, or a tap on a small offline map (loaded only
// when asked for, so the form opens fast on a slow phone).
import { lazy, Suspense, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { PickedLocation } from './draft.ts'
import { FieldMessage } from './FieldMessage.tsx'

const PickMap = lazy(() => import('./PickMap.tsx'))

type GpsState = 'idle' | 'locating' | 'denied' | 'unavailable' | 'timeout' | 'unsupported'

/** A fresh fix for each report: positions older than a minute are not taken. */
const GPS_OPTIONS: PositionOptions = { enableHighAccuracy: true, timeout: 30_000, maximumAge: 60_000 }

export function LocationField({
  value,
  onChange,
  error,
}: {
  value: PickedLocation | null
  onChange: (location: PickedLocation) => void
  error: string | undefined
}) {
  const { t, i18n } = useTranslation()
  const [gps, setGps] = useState<GpsState>('idle')
  const [mapOpen, setMapOpen] = useState(false)

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGps('unsupported')
      return
    }
    setGps('locating')
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setGps('idle')
        onChange({
          lon: position.coords.longitude,
          lat: position.coords.latitude,
          accuracyM: Math.round(position.coords.accuracy),
          source: 'gps',
        })
      },
      (failure) => {
        setGps(
          failure.code === failure.PERMISSION_DENIED
            ? 'denied'
            : failure.code === failure.TIMEOUT
              ? 'timeout'
              : 'unavailable',
        )
      },
      GPS_OPTIONS,
    )
  }

  const degrees = new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 5, maximumFractionDigits: 5 })
  const metres = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 0 })
  const id = 'report-location'
  return (
    <fieldset className="rp-fieldset rp-field" data-invalid={error ? 'true' : undefined}>
      <legend className="rp-field__label">{t('report.form.location')}</legend>
      <div className="rp-buttons">
        <button
          className="rp-button"
          type="button"
          onClick={locate}
          disabled={gps === 'locating'}
          data-field="location"
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid="use-gps"
        >
          {gps === 'locating' ? t('report.location.locating') : t('report.location.useGps')}
        </button>
        <button
          className="rp-button"
          type="button"
          aria-expanded={mapOpen}
          onClick={() => setMapOpen((open) => !open)}
          data-testid="toggle-map"
        >
          {mapOpen ? t('report.location.hideMap') : t('report.location.showMap')}
        </button>
      </div>
      {value && (
        <p className="rp-location" data-testid="location-value" data-source={value.source}>
          <span className="rp-location__coords" dir="ltr">
            {t('report.location.value', { lat: degrees.format(value.lat), lon: degrees.format(value.lon) })}
          </span>
          <span className="rp-muted">
            {value.accuracyM === null
              ? t('report.location.map')
              : t('report.location.gps', { metres: metres.format(value.accuracyM) })}
          </span>
        </p>
      )}
      {gps !== 'idle' && gps !== 'locating' && (
        <p className="rp-note rp-note--warn">{t(`report.location.${gps}`)}</p>
      )}
      {mapOpen && (
        <Suspense fallback={<p className="rp-map rp-map--message">{t('report.location.mapLoading')}</p>}>
          <PickMap
            value={value}
            onPick={(lon, lat) => onChange({ lon, lat, accuracyM: null, source: 'map' })}
          />
        </Suspense>
      )}
      <FieldMessage id={`${id}-error`} text={error} />
    </fieldset>
  )
}
