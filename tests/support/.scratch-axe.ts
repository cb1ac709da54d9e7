import { closePage, expectAccessible, launchBrowser, openPage } from './browser.ts';
const browser = await launchBrowser();
const page = await openPage(browser);
await page.setContent('<html><body><main><h1>x</h1><img src="data:image/png;base64,iVBORw0KGgo="><input type="text"><p style="color:#eee;background:#fff">low contrast</p></main></body></html>');
try { await expectAccessible(page); console.log('NO THROW'); } catch (e) { console.log(String((e as Error).message)); }
try { const p2 = await browser.newPage(); await p2.setContent('<html lang="en"><title>t</title><main>hi</main></html>'); await expectAccessible(p2); } catch (e) { console.log('newPage case:', (e as Error).message); }
await closePage(page);
await browser.close();
