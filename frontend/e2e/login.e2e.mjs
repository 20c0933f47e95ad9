// Signing in and out in Debian's Chromium against the real API (tests/e2e/test_dashboard.py starts it and makes
// the user): the sign-in page at the address asked for, a wrong password explained, the page after signing in,
// the session cookie out of scripts' reach, the live stream authorised by it, signing out.
// Screenshots: e2e/artifacts/login-*.png.
import { BASE, CREDENTIALS, launch, screenshots, steps } from './browser.mjs';

const context = await launch('fc-e2e-', { signedIn: false });
const { step, finish } = steps(context);
const page = context.pages()[0] ?? (await context.newPage());
const signIn = async (password) => {
  await page.getByLabel('Username').fill(CREDENTIALS.username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

await step('a page asked for without a session shows the sign-in form there', async () => {
  await page.goto(`${BASE}/alerts?status=open`);
  await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 10000 });
  if (new URL(page.url()).pathname !== '/alerts') throw new Error(`moved to ${page.url()}`);
  await screenshots(page, 'login');
});

await step('a wrong password is refused with the reason, and nothing is let through', async () => {
  await signIn(`${CREDENTIALS.password}-not`);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: 10000 });
  const text = await alert.textContent();
  if (!text.includes('Wrong username or password')) throw new Error(`the message reads "${text}"`);
  if (await page.getByRole('heading', { name: 'Alerts', exact: true, level: 1 }).count()) throw new Error('the page showed without a session');
});

await step('the right password opens the page asked for, with who is signed in', async () => {
  await signIn(CREDENTIALS.password);
  await page.getByRole('heading', { name: 'Alerts', exact: true, level: 1 }).waitFor({ timeout: 10000 });
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if ((await signOut.getAttribute('title')) !== `Signed in as ${CREDENTIALS.username}`) throw new Error('no user shown');
  const [cookie] = (await context.cookies(BASE)).filter((c) => c.name === 'fc_session');
  if (!cookie?.httpOnly || cookie.sameSite !== 'Strict') throw new Error(`the session cookie is ${JSON.stringify(cookie)}`);
  if ((await page.evaluate(() => document.cookie)).includes('fc_session')) throw new Error('scripts can read the session');
});

await step('the live stream is authorised by the session', async () => {
  await page.goto(`${BASE}/?city=BLR&window=1h`);
  await page.waitForSelector('[data-live="on"]', { timeout: 15000 });
});

await step('signing out ends the session: the form again, and the API no longer knows the browser', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).waitFor({ timeout: 10000 });
  const me = await context.request.get(`${BASE}/api/auth/me`);
  if (me.status() !== 401) throw new Error(`/api/auth/me after signing out gave ${me.status()}`);
});

await finish();
