// The report page as a person sees it: who is signed in and whether the phone is online, then the form (or
// the sign-in) and the reports of this phone. It receives everything from use-report-page.ts.
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEventStream } from '../api/use-event-stream.ts'
import type { LiveEvent } from '../lib/feed.ts'
import { LanguageSwitcher } from '../panels/LanguageSwitcher.tsx'
import { SignInForm } from '../panels/SignIn.tsx'
import { ReportForm } from './form/ReportForm.tsx'
import type { OutboxItem } from './outbox/outbox.ts'
import { ReportList } from './ReportList.tsx'
import type { ReportPage } from './use-report-page.ts'

export function ReportScreen({ page }: { page: ReportPage }) {
  const { t } = useTranslation()
  const [editing, setEditing] = useState<OutboxItem | null>(null)
  const { session, user, online, storage, items } = page

  const discard = (item: OutboxItem) => {
    if (window.confirm(t('report.list.discardConfirm'))) void page.discard(item.key)
  }

  return (
    <div className="rp">
      <header className="rp-header">
        <h1 className="rp-header__title">{t('report.heading')}</h1>
        <div className="rp-header__end">
          <LanguageSwitcher />
          {session.state === 'signed-in' && (
            <button
              className="rp-button rp-button--small rp-button--quiet"
              type="button"
              onClick={() => void page.signOut()}
            >
              {t('report.signOut')}
            </button>
          )}
        </div>
        {user && (
          <p className="rp-header__user rp-muted" data-testid="user">
            {user.name}
          </p>
        )}
      </header>
      {session.state === 'signed-in' && <LiveReviews onEvent={page.onLiveEvent} />}
      <p className="rp-connection" data-testid="connection" data-online={online} role="status">
        {online ? t('report.connection.online') : t('report.connection.offline')}
      </p>
      <main className="rp-main">
        {storage.state === 'failed' && (
          <p className="rp-note rp-note--error" role="alert">
            {t('report.storageFailed', { reason: storage.reason })}
          </p>
        )}
        {session.state === 'signed-out' && (
          <SignInForm look="report" expired={session.expired} onSignedIn={page.signedIn} />
        )}
        {(session.state === 'signed-in' || session.state === 'offline') && (
          <ReportForm
            onSave={async (body, replacing) => {
              await page.save(body, replacing)
              setEditing(null)
            }}
            editing={editing}
            onCancelEdit={() => setEditing(null)}
            disabled={storage.state !== 'ready'}
          />
        )}
        <ReportList
          items={items}
          userId={user?.id ?? null}
          online={online}
          onSendNow={page.sendNow}
          onEdit={setEditing}
          onDiscard={discard}
        />
      </main>
    </div>
  )
}

/** The live stream, open while signed in: a reporter gets the events about their own reports. */
function LiveReviews({ onEvent }: { onEvent: (event: LiveEvent) => void }) {
  useEventStream(onEvent)
  return null
}
