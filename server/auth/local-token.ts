// The embedded server's local token: made at each start and written, with the server's pid and URL, to
// the server file (`<dataDir>.server.json`, mode 0600). The CLIs on this machine (import, user, simulate)
// cannot open the database the server holds, so they send their writes through it with this token. It
// gives an admin's rights to whoever may read the data folder, who could open the database anyway.
import { newToken } from './tokens.ts'

export const newLocalToken = newToken
