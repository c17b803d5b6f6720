import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cleanupTestResources, eventually } from '@supergraph/testkit';
import { createProduct, login, startTestSupergraph, type TestSupergraph } from '../../../test/helpers/supergraph';
import { describeInBrowser, launchChromium, screenshot, signIn } from './browser';
import { buildApp, previewApp } from './preview';

/**
 * Chat, presence and the inbox in two Chromium contexts at once, through the Vite preview's proxy:
 * the customer (A) and the courier (B) in the DIRECT room the seed gives them. B sees A come
 * ONLINE; A sees B typing, and the indicator go by itself; A's message (sent with a double click)
 * reaches B's room list once, with an unread badge; B reads it and A sees it seen; A's edit
 * reaches B. Then a checkout of A's makes notifications that ring A's bell without a reload.
 */
const CUSTOMER_COURIER_ROOM = '00000000-0000-4000-9000-000000000001'; // subgraphs/messaging/src/seed.ts

describeInBrowser('chat and notifications in a browser', () => {
  let sg: TestSupergraph;
  let preview: Awaited<ReturnType<typeof previewApp>>;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let a: Page;
  let b: Page;
  const text = `Parcel question ${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    [sg] = await Promise.all([startTestSupergraph(), buildApp('chat')]);
    preview = await previewApp('chat', sg.url);
    browser = await launchChromium();
    contexts = await Promise.all([browser.newContext({ viewport: { width: 1100, height: 850 } }), browser.newContext({ viewport: { width: 1100, height: 850 } })]);
    [a, b] = await Promise.all(contexts.map((context) => context.newPage()));
    for (const page of [a, b]) page.setDefaultTimeout(15_000);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([a && screenshot(a, 'chat-last-a'), b && screenshot(b, 'chat-last-b')]);
    await browser?.close();
    await preview?.close();
    await sg?.close();
    await cleanupTestResources();
  });

  it('shows presence and typing, delivers a message once with its unread badge and read state, and edits', async () => {
    await signIn(b, `${preview.url}/chat/${CUSTOMER_COURIER_ROOM}`, 'courier@example.com');
    const customerOnB = b.getByTestId('participant').filter({ hasText: 'Casey Customer' });
    await customerOnB.waitFor();
    await expect(customerOnB.getByTestId('presence').getAttribute('data-status')).resolves.not.toBe('ONLINE');

    // A opens the room: B sees A come online, live.
    await signIn(a, `${preview.url}/chat/${CUSTOMER_COURIER_ROOM}`, 'customer@example.com');
    await a.getByText('Number 5, thank you!').waitFor();
    await customerOnB.locator('[data-status="ONLINE"]').waitFor();
    await customerOnB.getByText('online').waitFor();

    // B types: A sees it, and it goes away by itself (the API ends it 5 s after the last keystroke).
    await b.getByLabel('Message').pressSequentially('On my', { delay: 20 });
    await a.getByTestId('typing').getByText('Cody Courier is typing…').waitFor();
    await screenshot(a, 'chat-typing');
    await eventually(async () => (await a.getByTestId('typing').textContent()) === '', { timeoutMs: 10_000, message: 'the typing indicator to vanish' });

    // B goes to the list of rooms; A sends with a double click: one message, on both sides.
    await b.getByRole('link', { name: '← Conversations' }).click();
    const roomOnB = b.getByTestId('room').filter({ hasText: 'Casey Customer' });
    await roomOnB.waitFor();
    await expect(roomOnB.getByTestId('room-unread').count()).resolves.toBe(0);
    const before = await a.getByTestId('message').count();
    await a.getByLabel('Message').fill(text);
    await a.getByRole('button', { name: 'Send' }).dblclick();
    await a.getByTestId('message-content').getByText(text).waitFor();
    await roomOnB.getByText(`Casey Customer: ${text}`).waitFor();
    await expect(roomOnB.getByTestId('room-unread').textContent()).resolves.toBe('1');
    await expect(b.getByTestId('message-count').textContent()).resolves.toBe('1');
    await screenshot(b, 'chat-rooms');
    expect(await a.getByTestId('message').count()).toBe(before + 1);
    await expect(a.getByTestId('read-state').textContent()).resolves.toBe('Sent');

    // B reads it: B's badges go, A sees it seen.
    await roomOnB.getByRole('link').click();
    await b.getByTestId('message-content').getByText(text).waitFor();
    await b.getByTestId('message-count').waitFor({ state: 'detached' });
    await a.getByTestId('read-state').getByText('Seen by Cody Courier').waitFor();

    // A edits it: B sees the new text, marked edited.
    const mine = a.getByTestId('message').filter({ hasText: text });
    await mine.getByRole('button', { name: 'Edit' }).click();
    await a.getByLabel('Edit message').fill(`${text} (door 5)`);
    await a.getByRole('button', { name: 'Save' }).click();
    const onB = b.getByTestId('message').filter({ hasText: `${text} (door 5)` });
    await onB.getByText('(edited)').waitFor();
    await screenshot(a, 'chat-room');
    await screenshot(b, 'chat-room-courier');
    expect(await b.getByTestId('message').filter({ hasText: text }).count()).toBe(1);
  }, 60_000);

  it("rings A's bell live when A's checkout makes notifications, and the inbox reads them", async () => {
    const bell = a.getByTestId('notification-count');
    const unreadBefore = Number(await bell.textContent());
    const customer = await login(sg.url, 'customer@example.com');
    const productId = await createProduct(sg, await login(sg.url, 'admin@example.com'), { stock: 5, name: 'Bell kettle' });
    await customer.data('mutation($p: ID!) { addToCart(productId: $p, quantity: 1) { itemCount } }', { p: productId });
    await customer.data('mutation($i: CheckoutInput!) { checkout(input: $i) { id } }', { i: { idempotencyKey: randomUUID(), paymentMethod: 'CARD', cardToken: 'tok_visa' } });
    // PENDING, then CONFIRMED and PAID: each a notification, counted as it comes.
    await eventually(async () => Number(await bell.textContent()) >= unreadBefore + 3, { timeoutMs: 30_000, message: 'the bell to count the new notifications' });

    await a.getByRole('link', { name: /^Notifications/ }).click();
    const paid = a.getByTestId('notification').filter({ hasText: 'is paid' }).first();
    await paid.waitFor();
    await screenshot(a, 'inbox');
    const unread = Number(await bell.textContent());
    await paid.getByRole('button', { name: 'Mark read' }).click();
    await eventually(async () => Number(await bell.textContent()) === unread - 1, { message: 'the bell to count one fewer' });
    await a.getByLabel('Unread only').check();
    await a.getByTestId('notification').first().waitFor();
    await expect(a.getByTestId('notification').filter({ hasText: 'is paid' }).count()).resolves.toBe(0);

    // From the order, a direct conversation with its courier (whoever the delivery went to).
    await a.getByLabel('Unread only').uncheck();
    await paid.getByRole('link', { name: 'View order' }).click();
    const message = a.getByRole('button', { name: /^Message / });
    await message.waitFor({ timeout: 30_000 });
    const courierName = (await message.textContent())!.replace('Message ', '');
    await message.click();
    await a.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
    await a.getByRole('heading', { name: courierName }).waitFor();
  }, 60_000);
});
