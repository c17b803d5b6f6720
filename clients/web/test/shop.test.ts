import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { cleanupTestResources, eventually } from '@supergraph/testkit';
import { createProduct, login, startTestSupergraph, type TestSupergraph } from '../../../test/helpers/supergraph';
import { ARTIFACTS, describeInBrowser, launchChromium } from './browser';
import { buildApp, previewApp } from './preview';

/**
 * The web shop in Chromium against the supergraph, through the Vite preview server's proxy: a
 * customer signs in, finds a product with the filters, adds it to the cart, checks out with
 * tok_visa, and watches the order page follow the order's life live (PAID; then, as the courier
 * acts through the API, SHIPPED with the courier's position, and DELIVERED) without a reload.
 */
const TOKEN_TTL_SECONDS = 12;

describeInBrowser('web shop in a browser', () => {
  let sg: TestSupergraph;
  let preview: Awaited<ReturnType<typeof previewApp>>;
  let browser: Browser;
  let page: Page;
  const productName = `Browser kettle ${Date.now()}`;

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const orderStatus = () => page.getByTestId('order-status').textContent();
  const storedSession = () => page.evaluate(() => JSON.parse(localStorage.getItem('supergraph.session') ?? 'null') as { accessToken: string } | null);
  let firstAccessToken: string | undefined;

  beforeAll(async () => {
    // Short access tokens, so that the page refreshes several during the test (users reads its settings at start).
    process.env.ACCESS_TOKEN_TTL_SECONDS = String(TOKEN_TTL_SECONDS);
    try {
      [sg] = await Promise.all([startTestSupergraph(), buildApp('shop')]);
    } finally {
      delete process.env.ACCESS_TOKEN_TTL_SECONDS;
    }
    await createProduct(sg, await login(sg.url, 'admin@example.com'), { stock: 30, price: 2499, name: productName });
    preview = await previewApp('shop', sg.url);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.setDefaultTimeout(15_000);
  }, 180_000);
  afterAll(async () => {
    // Where the page stood at the end (the last thing seen when a test failed).
    await page?.screenshot({ path: join(ARTIFACTS, 'last.png'), fullPage: true });
    await browser?.close();
    await preview?.close();
    await sg?.close();
    await cleanupTestResources();
  });

  it('signs in, finds a product with the filters, and fills the cart', async () => {
    await page.goto(`${preview.url}/cart`);
    // Signed out, the cart sends to the login page.
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill('customer@example.com');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await shot('login');
    await page.getByLabel('Password').fill('Demo-Password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your cart' }).or(page.getByText('Your cart is empty')).waitFor();
    firstAccessToken = (await storedSession())?.accessToken;
    expect(firstAccessToken).toEqual(expect.any(String));

    await page.getByRole('link', { name: 'Catalogue', exact: true }).click();
    await page.getByTestId('product').first().waitFor();
    await shot('catalogue');
    // Cursor paging: a second page joins the first.
    await expect(page.getByTestId('product').count()).resolves.toBe(12);
    await page.getByRole('button', { name: 'Load more' }).click();
    await eventually(async () => (await page.getByTestId('product').count()) > 12, { message: 'the second page' });
    await page.getByLabel('Search').fill(productName);
    await page.getByLabel('Minimum price').fill('20');
    await page.getByLabel('Maximum price').fill('30');
    await page.getByLabel('In stock only').check();
    await page.waitForURL(/stock=1/);
    await expect(page.getByTestId('product-count').textContent()).resolves.toBe('1 product');
    expect(new URL(page.url()).searchParams.get('min')).toBe('20');
    const card = page.getByTestId('product').filter({ hasText: productName });
    await expect(card.getByText('$24.99').count()).resolves.toBe(1);
    // A price range that excludes it: the empty state.
    await page.getByLabel('Maximum price').fill('24');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No products match these filters.').waitFor();
    await page.getByLabel('Maximum price').fill('30');
    await page.getByRole('button', { name: 'Search' }).click();

    await card.getByRole('button', { name: 'Add to cart' }).click();
    await card.getByText('Added').waitFor();
    await eventually(async () => (await page.getByTestId('cart-count').textContent()) !== '0', { message: 'the cart badge' });
    await page.getByRole('link', { name: /^Cart/ }).click();
    await page.getByTestId('cart-line').filter({ hasText: productName }).waitFor();
    await shot('cart');
  }, 60_000);

  it('checks out with tok_visa and follows the order live to DELIVERED, without a reload', async () => {
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByLabel('Card token').waitFor();
    await expect(page.getByLabel('Card token').inputValue()).resolves.toBe('tok_visa');
    await shot('checkout');
    await page.getByRole('button', { name: /Place order/ }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const orderId = page.url().split('/').pop()!;
    // Marks this document: a reload would lose it.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));

    await eventually(async () => (await orderStatus()) === 'PAID', { timeoutMs: 30_000, message: 'PAID on the page' });
    await page.getByTestId('payment').getByText('captured').waitFor();

    const { courier, deliveryId } = await assignedCourier(orderId);
    await eventually(async () => (await page.getByTestId('courier').textContent()) !== 'not assigned yet', { timeoutMs: 30_000, message: 'the courier on the page' });
    await courier('mutation($id: ID!) { updateDeliveryStatus(id: $id, status: PICKED_UP) { status } }', { id: deliveryId });
    await eventually(async () => (await orderStatus()) === 'SHIPPED', { message: 'SHIPPED on the page' });
    await courier('mutation($id: ID!) { updateDeliveryStatus(id: $id, status: IN_TRANSIT) { status } }', { id: deliveryId });
    await page.getByTestId('delivery-status').getByText('IN TRANSIT').waitFor();
    await courier('mutation($id: ID!) { reportCourierLocation(deliveryId: $id, lat: 42.8123, lng: -73.9456) { id } }', { id: deliveryId });
    await page.getByTestId('position').getByText('42.8123, -73.9456').waitFor();
    await page.getByTestId('eta').waitFor();
    await shot('order-shipped');
    await courier('mutation($id: ID!) { updateDeliveryStatus(id: $id, status: DELIVERED) { status } }', { id: deliveryId });
    await eventually(async () => (await orderStatus()) === 'DELIVERED', { message: 'DELIVERED on the page' });
    await page.getByTestId('delivery-status').getByText('DELIVERED').waitFor();
    await expect(page.getByTestId('timeline').locator('li strong').allTextContents()).resolves.toEqual(['PENDING', 'CONFIRMED', 'PAID', 'SHIPPED', 'DELIVERED']);
    await expect(page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).resolves.toBe(true);
    await shot('order-delivered');
    // The page kept its session fresh all along: the token it holds now is not the one it signed in with.
    expect((await storedSession())?.accessToken).not.toBe(firstAccessToken);

    await page.getByRole('link', { name: 'My orders' }).first().click();
    await page.getByTestId('order-row').first().waitFor();
    await expect(page.getByTestId('order-row').first().textContent()).resolves.toContain('DELIVERED');
    await shot('orders');
    // A reload restores the session from localStorage.
    await page.reload();
    await page.getByTestId('order-row').first().waitFor();
    await page.getByText('Casey Customer').waitFor();
  }, 90_000);

  it('buys from the product page with a declined card and shows the order as PAYMENT_FAILED', async () => {
    await page.getByRole('link', { name: 'Catalogue', exact: true }).click();
    await page.getByLabel('Search').fill(productName);
    await page.getByLabel('Search').press('Enter');
    await page.getByRole('link', { name: productName }).click();
    await page.getByRole('heading', { name: productName }).waitFor();
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.getByText('Added').waitFor();
    await shot('product');
    await page.getByRole('link', { name: 'view cart' }).click();
    await expect(page.getByLabel(`Quantity of ${productName}`).inputValue()).resolves.toBe('2');
    await page.getByRole('link', { name: 'Checkout' }).click();
    await page.getByLabel('Card token').fill('tok_chargeDeclined');
    await page.getByRole('button', { name: /Place order \(2 items/ }).click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    await eventually(async () => (await orderStatus()) === 'PAYMENT FAILED', { timeoutMs: 30_000, message: 'PAYMENT FAILED on the page' });
    await page.getByTestId('payment').getByText('failed').waitFor();
    await page.getByText('This order will not be delivered.').waitFor();
    await shot('order-payment-failed');
  }, 60_000);

  /**
   * The demo courier the delivery went to, acting through the API. Each call signs in afresh:
   * tokens live TOKEN_TTL_SECONDS here, and this helper has no session to refresh them.
   */
  async function assignedCourier(orderId: string) {
    const delivery = await eventually(
      async () => {
        const admin = await login(sg.url, 'admin@example.com');
        const { order } = await admin.data('query($id: ID!) { order(id: $id) { delivery { id status courier { email } } } }', { id: orderId });
        return order.delivery?.status === 'ASSIGNED' && order.delivery;
      },
      { timeoutMs: 30_000, intervalMs: 500, message: 'a courier assigned' },
    );
    const courier = async (query: string, variables: Record<string, unknown>) => (await login(sg.url, delivery.courier.email)).data(query, variables);
    return { courier, deliveryId: delivery.id as string };
  }
});
