// widget-e2e.js: a visitor uses the chat widget on /demo in Debian's headless Chromium.
//
// usage: node widget-e2e.js BASE_URL SCREENSHOT_DIR
// Driven by test-chat-widget.c, which runs Kefu's chat channel in-process and
// answers on our stdin: we print "need-robot" and "need-reply" when the page
// is ready for a robot answer or an agent reply, and wait for "done-robot" and
// "done-reply". Any failure exits non-zero with the reason on stderr.
//
// SPDX-License-Identifier: GPL-3.0-or-later
'use strict';
const { chromium } = require('playwright-core');
const readline = require('readline');
const path = require('path');

const [base, shots] = process.argv.slice(2);
const XSS = '<img src=x onerror=alert(1)>';
const T = 10000;

const lines = readline.createInterface({ input: process.stdin });
const waiting = [];
lines.on('line', line => { const w = waiting.shift(); if (w) w(line.trim()); });
function ask(what) {
  return new Promise(resolve => { waiting.push(resolve); console.log(what); });
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function openPage(browser, options) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on('dialog', async dialog => {
    console.error('a dialog opened: ' + dialog.message());
    process.exit(3);
  });
  page.on('pageerror', error => { console.error('page error: ' + error.message); process.exit(4); });
  await page.goto(base + '/demo');
  await page.locator('.kefu-launcher').waitFor({ timeout: T });
  return { context, page };
}

async function send(page, text) {
  await page.locator('.kefu-input').fill(text);
  await page.locator('.kefu-input').press('Enter');
}

async function desktopEnglish(browser) {
  const { context, page } = await openPage(browser, { viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  await page.locator('.kefu-launcher').click();
  await page.getByText('We usually reply in a few minutes').waitFor({ timeout: T });
  check(await page.locator('.kefu-title').textContent() === 'Tea <b>House</b>', 'shop name is not shown as text');
  const accent = await page.locator('.kefu-launcher').evaluate(e => getComputedStyle(e).backgroundColor);
  check(accent === 'rgb(170, 51, 0)', 'the launcher does not use the configured colour: ' + accent);

  await send(page, 'Hello, where is my order #42?');
  await page.getByText('We have passed your question to our team').waitFor({ timeout: T });

  // Hostile text stays text.
  await send(page, XSS);
  await page.locator('.kefu-from-visitor .kefu-text', { hasText: XSS }).waitFor({ timeout: T });
  await page.locator('.kefu-from-visitor:not(.kefu-pending)').nth(1).waitFor({ timeout: T });

  // The robot's answer comes with its buttons; asking for a person hands off.
  check(await ask('need-robot') === 'done-robot', 'no robot answer');
  await page.locator('.kefu-from-robot .kefu-text', { hasText: 'track your order' }).waitFor({ timeout: T });
  await page.getByRole('button', { name: 'Talk to a person' }).click();
  await page.getByText('We have passed your question to our team').nth(1).waitFor({ timeout: T });

  // The agent types, then replies through Kefu's router.
  const reply = ask('need-reply');
  await page.locator('.kefu-typing').waitFor({ state: 'visible', timeout: T });
  check(await reply === 'done-reply', 'no agent reply');
  await page.locator('.kefu-from-agent .kefu-text', { hasText: 'ships today' }).waitFor({ timeout: T });
  check(await page.locator('.kefu-log img').count() === 0, 'an <img> was inserted into the conversation');
  check((await page.locator('.kefu-from-agent .kefu-author').textContent()) === 'Li Na', 'agent name missing');
  await page.screenshot({ path: path.join(shots, 'chat-desktop-en.png') });

  // After a reload the conversation is still there, once each.
  await page.reload();
  await page.locator('.kefu-from-agent .kefu-text', { hasText: 'ships today' }).waitFor({ timeout: T });
  const texts = await page.locator('.kefu-row .kefu-text').allTextContents();
  console.error('after reload: ' + JSON.stringify(texts));
  check(texts.filter(t => t === 'Hello, where is my order #42?').length === 1, 'first message missing or doubled');
  check(texts.filter(t => t === XSS).length === 1, 'hostile message missing or doubled');
  check(texts.filter(t => t.includes('ships today')).length === 1, 'agent reply missing or doubled');
  check(await page.locator('.kefu-log img').count() === 0, 'an <img> was inserted after reload');
  const token = await page.evaluate(() => Object.keys(localStorage).filter(k => k.endsWith(':token'))
                                         .map(k => JSON.parse(localStorage.getItem(k)))[0]);
  check(/^[0-9a-f]{32}$/.test(token), 'no 128-bit token in localStorage: ' + token);
  await page.screenshot({ path: path.join(shots, 'chat-desktop-en-reloaded.png') });

  // Kefu restarts mid-conversation: what the visitor types meanwhile waits,
  // is sent after the widget reconnects, and is stored once.
  check(await ask('need-stop') === 'stopped', 'the server did not stop');
  await page.getByText('Connecting…').waitFor({ timeout: T });
  await send(page, 'Typed while Kefu restarts');
  await page.locator('.kefu-pending .kefu-text', { hasText: 'Typed while Kefu restarts' }).waitFor({ timeout: T });
  check(await ask('need-start') === 'started', 'the server did not start');
  await page.locator('.kefu-from-visitor:not(.kefu-pending) .kefu-text', { hasText: 'Typed while Kefu restarts' })
    .waitFor({ timeout: 40000 });
  await page.reload();
  await page.locator('.kefu-from-agent .kefu-text', { hasText: 'ships today' }).waitFor({ timeout: T });
  await page.locator('.kefu-text', { hasText: 'Typed while Kefu restarts' }).first().waitFor({ timeout: T });
  const again = await page.locator('.kefu-row .kefu-text').allTextContents();
  check(again.length === texts.length + 1, 'after the restart: ' + JSON.stringify(again));

  // The agent closes the chat: the widget offers the rating, 1–5 and a comment.
  check(await ask('need-close') === 'done-close', 'the ticket was not closed');
  await page.getByText('This conversation has been closed').waitFor({ timeout: T });
  await page.locator('.kefu-star').nth(3).click();
  await page.locator('.kefu-rating textarea').fill('Quick and <b>kind</b>');
  await page.locator('.kefu-rating button[type=submit]').click();
  await page.getByText('Thank you for your rating.').waitFor({ timeout: T });
  await page.screenshot({ path: path.join(shots, 'chat-desktop-en-rated.png') });
  await context.close();
}

async function phone(browser, locale, file, text, expect) {
  const { context, page } = await openPage(browser, {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale
  });
  await page.screenshot({ path: path.join(shots, file.replace('.png', '-closed.png')) });
  await page.locator('.kefu-launcher').click();
  await send(page, text);
  await page.getByText(expect).waitFor({ timeout: T });
  const box = await page.locator('.kefu-panel').boundingBox();
  check(box && box.width === 390, 'the panel does not fill a phone screen: ' + JSON.stringify(box));
  await page.screenshot({ path: path.join(shots, file) });
  await context.close();
}

async function desktopChinese(browser, locale, file, expect) {
  const { context, page } = await openPage(browser, { viewport: { width: 1280, height: 800 }, locale });
  await page.locator('.kefu-launcher').click();
  await page.getByText(expect).waitFor({ timeout: T });
  await page.screenshot({ path: path.join(shots, file) });
  await context.close();
}

(async () => {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await desktopEnglish(browser);
  await phone(browser, 'zh-CN', 'chat-phone-zh_CN.png', '你好，请问运费多少？', '已为您转接人工客服');
  await phone(browser, 'en-GB', 'chat-phone-en.png', 'Do you ship to Taipei?', 'We have passed your question');
  await desktopChinese(browser, 'zh-TW', 'chat-desktop-zh_TW.png', '我們通常幾分鐘內回覆');
  console.error('browser ' + browser.version());
  await browser.close();
  console.log('ok');
  process.exit(0);
})().catch(error => { console.error(error); process.exit(1); });
