// Entry point of the field report page (/report): languages, the offline service worker, then the page.
import i18next from 'i18next'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { initI18n } from '../i18n/index.ts'
import { ReportScreen } from './ReportScreen.tsx'
import { registerServiceWorker } from './register-sw.ts'
import { useReportPage } from './use-report-page.ts'
import './report.css'

initI18n()
const retitle = () => {
  document.title = i18next.t('report.title')
}
i18next.on('languageChanged', retitle)
retitle()
registerServiceWorker()

function Root() {
  return <ReportScreen page={useReportPage()} />
}

const container = document.getElementById('root')
if (!container) throw new Error('report.html has no #root')
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
)
