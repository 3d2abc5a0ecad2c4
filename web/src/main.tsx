// Entry point: languages first, then the data, then the page.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { initI18n } from './i18n/index.ts'
import { useDashboard } from './use-dashboard.ts'
import './styles.css'

initI18n()

function Root() {
  return <App dashboard={useDashboard()} />
}

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root')
createRoot(container).render(
  <StrictMode>
    <Root />
  </StrictMode>,
)
