// The app's screens in headless Chromium at a phone's viewport, through react-native-web, against
// the whole supergraph (PostgreSQL and Redis when they answer): sign in, add to the cart, pay with
// tok_visa, then follow the order as an admin moves its delivery along, without a reload. Access
// tokens live 12 s here, so the page refreshes its token (and reconnects its socket) while it follows.
// Then the inbox: the Inbox tab's badge rises at checkout, an order's notifications join the open
// inbox live, and tapping one marks it read (on the server too) and lowers the badge.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { eventually, graphql } from '@supergraph/testkit';
import { startTestSupergraph, type TestSupergraph } from '../../../test/helpers/supergraph';
import { buildWebApp, serveWebApp, type WebApp } from './helpers/webApp';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, 'artifacts');
const PASSWORD = 'Demo-Password-1';
const TOKEN_TTL_SECONDS = 12;
const UPDATE_DELIVERY = 'mutation($id: ID!, $status: DeliveryStatus!, $proof: String) { updateDeliveryStatus(id: $id, status: $status, proofOfDelivery: $proof) { status } }';

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`clients/mobile web test skipped: no Chromium at ${CHROMIUM} (CI installs it with apt-get install -y chromium)`);
const describeInBrowser = haveChromium ? describe : describe.skip;

describeInBrowser('the mobile app on the web (react-native-web, phone viewport)', () => {
  let supergraph: TestSupergraph;
  let web: WebApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    process.env.ACCESS_TOKEN_TTL_SECONDS = String(TOKEN_TTL_SECONDS);
    try {
      [supergraph] = await Promise.all([startTestSupergraph(), buildWebApp()]);
    } finally {
      delete process.env.ACCESS_TOKEN_TTL_SECONDS;
    }
    web = await serveWebApp(supergraph.url);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await supergraph?.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

  it('signs in, buys with tok_visa and shows each status change live', async () => {
    await page.goto(web.url);
    await page.getByTestId('login-email').fill('customer@example.com');
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    await shot('1-login-refused');
    await page.getByTestId('login-password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();

    const firstProduct = page.locator('[data-testid^="product-"]').first();
    await firstProduct.waitFor();
    const productId = (await firstProduct.getAttribute('data-testid'))!.slice('product-'.length);
    await page.getByTestId(`add-${productId}`).click();
    await page.getByTestId('tab-cart').filter({ hasText: 'Cart (1)' }).waitFor();
    await shot('2-catalogue');

    await page.getByTestId('tab-cart').click();
    await page.getByTestId(`cart-line-${productId}`).waitFor();
    await page.getByTestId('cart-total').waitFor();
    await shot('3-cart');

    // A marker on the page's window: it survives only if nothing reloads the page from here on.
    await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
    const unreadBefore = await badgeMatchesServer();
    await page.getByTestId('checkout-submit').click();
    const screen = page.locator('[data-testid^="order-screen-"]');
    await screen.waitFor();
    const orderId = (await screen.getAttribute('data-testid'))!.slice('order-screen-'.length);
    await page.getByTestId('order-status').filter({ hasText: 'Order paid' }).waitFor({ timeout: 30_000 });
    // Placed and paid: two notifications at least, counted on the tab as they come.
    expect(await badgeMatchesServer(unreadBefore + 2)).toBeGreaterThanOrEqual(unreadBefore + 2);
    await shot('4-order-paid');

    // The page's token is refreshed while it follows the order; the updates below arrive after that.
    const pageToken = () => page.evaluate(() => (JSON.parse(sessionStorage.getItem('supergraph.session') ?? '{}') as { accessToken?: string }).accessToken);
    const tokenAtCheckout = await pageToken();
    await eventually(async () => (await pageToken()) !== tokenAtCheckout, { timeoutMs: TOKEN_TTL_SECONDS * 1000, message: "the page's access token to be refreshed" });

    const delivery = await eventually(
      async () => {
        const { data } = await graphql(supergraph.url, 'query($id: ID!) { order(id: $id) { delivery { id status } } }', { id: orderId }, await login('admin@example.com'));
        return data?.order?.delivery?.status === 'ASSIGNED' && data.order.delivery;
      },
      { timeoutMs: 30_000, message: 'the delivery to be assigned' },
    );
    await page.getByTestId('order-headline').filter({ hasText: 'A courier will pick it up' }).waitFor();

    for (const [status, headline] of [
      ['PICKED_UP', 'Picked up by the courier'],
      ['IN_TRANSIT', 'On its way to you'],
      ['DELIVERED', 'Delivered'],
    ]) {
      const moved = await graphql(supergraph.url, UPDATE_DELIVERY, { id: delivery.id, status, proof: status === 'DELIVERED' ? 'at the door' : null }, await login('admin@example.com'));
      expect(moved.errors).toBeUndefined();
      await page
        .getByTestId('order-headline')
        .filter({ hasText: new RegExp(`^${headline}$`) })
        .waitFor({ timeout: 15_000 });
      await shot(`5-${status.toLowerCase()}`);
    }
    await page.getByTestId('order-status').filter({ hasText: 'Order delivered' }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
  });

  it("lists an order's notifications live in the open inbox and marks one read on tap", async () => {
    const customer = await login('customer@example.com');
    await page.getByTestId('tab-notifications').click();
    await page.getByTestId('notifications-screen').waitFor();
    await page.locator('[data-testid^="notification-"]').first().waitFor();
    await shot('6-inbox');

    const orderId = await checkoutAs(customer);
    const newest = await eventually(
      async () => {
        const { data } = await graphql(supergraph.url, 'query { notifications(first: 5) { edges { node { id read order { id } } } } }', {}, customer);
        const node = data?.notifications.edges[0]?.node;
        return node?.order?.id === orderId && node;
      },
      { timeoutMs: 30_000, message: "the new order's notification" },
    );
    const row = page.getByTestId(`notification-${newest.id}`);
    await row.waitFor({ timeout: 15_000 });
    await row.getByTestId('notification-unread-dot').waitFor();
    await badgeMatchesServer();
    await shot('7-inbox-live');

    await row.click();
    await row.getByTestId('notification-unread-dot').waitFor({ state: 'detached' });
    await eventually(
      async () =>
        (await graphql(supergraph.url, 'query { notifications(first: 50) { edges { node { id read } } } }', {}, customer)).data?.notifications.edges.some(
          (e: { node: { id: string; read: boolean } }) => e.node.id === newest.id && e.node.read,
        ),
      {
        message: 'the notification to be read on the server',
      },
    );
    await badgeMatchesServer();
    await shot('8-inbox-read');
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
  });

  it('chats with the courier: sends once, sees them typing, their presence and their reply live', async () => {
    const courier = await login('courier@example.com');
    const courierId = (await graphql(supergraph.url, 'query { me { id } }', {}, courier)).data.me.id as string;
    // The DIRECT room between the two exists once: createRoom returns it if it is there already.
    const created = await graphql(
      supergraph.url,
      'mutation($input: CreateRoomInput!) { createRoom(input: $input) { id } }',
      { input: { type: 'DIRECT', participantIds: [courierId] } },
      await login('customer@example.com'),
    );
    expect(created.errors).toBeUndefined();
    const room = created.data.createRoom as { id: string };
    await page.getByTestId('tab-chat').click();
    await page.getByTestId(`room-${room.id}`).click();
    const screen = page.getByTestId(`room-screen-${room.id}`);
    await screen.waitFor();

    await page.getByTestId('composer-input').fill('Please leave it at the door');
    await page.getByTestId('composer-send').click();
    await screen.locator('[data-testid^="message-"]', { hasText: 'Please leave it at the door' }).waitFor();

    await graphql(supergraph.url, 'mutation { heartbeat(status: ONLINE) { status } }', {}, courier);
    await screen.getByTestId('presence-ONLINE').waitFor({ timeout: 15_000 });
    // The courier keeps typing, as a typer's client refreshes it: the room's typing subscription may open after a first signal.
    const typing = page.getByTestId('typing').filter({ hasText: 'is typing…' });
    await eventually(
      async () => {
        await graphql(supergraph.url, 'mutation($roomId: ID!) { setTyping(roomId: $roomId, typing: true) }', { roomId: room.id }, courier);
        return typing.waitFor({ timeout: 1_500 }).then(
          () => true,
          () => false,
        );
      },
      { timeoutMs: 20_000, message: 'the courier shown typing' },
    );
    await shot('9-room-typing');
    const reply = { roomId: room.id, content: 'Will do!', clientMessageId: `courier-${Date.now()}` };
    expect((await graphql(supergraph.url, 'mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }', { input: reply }, courier)).errors).toBeUndefined();
    await screen.locator('[data-testid^="message-"]', { hasText: 'Will do!' }).waitFor({ timeout: 15_000 });
    await shot('10-room-reply');

    const sent = await graphql(supergraph.url, 'query($id: ID!) { room(id: $id) { messages(first: 50) { edges { node { content } } } } }', { id: room.id }, courier);
    expect(sent.data.room.messages.edges.filter((edge: { node: { content: string } }) => edge.node.content === 'Please leave it at the door')).toHaveLength(1);
    expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
  });

  /** The tab badge (absent at 0) once it shows the server's unread count, and at least `atLeast`. */
  async function badgeMatchesServer(atLeast = 0): Promise<number> {
    const customer = await login('customer@example.com');
    return eventually(
      async () => {
        const { data } = await graphql(supergraph.url, 'query { me { unreadNotificationCount } }', {}, customer);
        const badge = page.getByTestId('tab-notifications-badge');
        const shown = (await badge.count()) ? Number(await badge.textContent()) : 0;
        const server = data?.me?.unreadNotificationCount as number;
        return shown === server && shown >= atLeast && { shown };
      },
      { timeoutMs: 30_000, message: `the badge to show the server's unread count (at least ${atLeast})` },
    ).then(({ shown }) => shown);
  }

  async function checkoutAs(headers: Record<string, string>): Promise<string> {
    const { data: products } = await graphql(supergraph.url, 'query { products(first: 1, filter: { inStock: true }) { edges { node { id } } } }', {}, headers);
    await graphql(supergraph.url, 'mutation($id: ID!) { addToCart(productId: $id, quantity: 1) { itemCount } }', { id: products.products.edges[0].node.id }, headers);
    const input = { idempotencyKey: `mobile-web-${Date.now()}`, paymentMethod: 'CARD', cardToken: 'tok_visa' };
    const { data, errors } = await graphql(supergraph.url, 'mutation($input: CheckoutInput!) { checkout(input: $input) { id } }', { input }, headers);
    expect(errors).toBeUndefined();
    return data.checkout.id as string;
  }

  async function login(email: string): Promise<Record<string, string>> {
    const { data } = await graphql(supergraph.url, 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { email, password: PASSWORD } });
    return { authorization: `Bearer ${data.login.accessToken}` };
  }
});
