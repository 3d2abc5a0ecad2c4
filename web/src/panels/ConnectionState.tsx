// Whether the live stream is connected: live, connecting, or reconnecting (it does so by itself).
import { useTranslation } from 'react-i18next'
import type { StreamState } from '../api/use-event-stream.ts'

export function ConnectionState({ state }: { state: StreamState }) {
  const { t } = useTranslation()
  return (
    <p
      className={`connection connection--${state}`}
      role="status"
      data-testid="connection"
      data-state={state}
    >
      <span className="connection__dot" aria-hidden />
      {t(`connection.${state}`)}
    </p>
  )
}
