import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import mqtt from 'mqtt';
import { addTransaction, freshNetwork, height, mine, onlinePeers, openTab } from './tabs';

/*
 * A room of laptops on one machine: separate browser contexts share no BroadcastChannel and no
 * storage, so they meet only through the broker `vite preview` carries at /mqtt.
 */

const connectionLine = (page: Page) => page.getByTestId('connection-line');

test('over the class broker the line says connected, and the join link brings another computer into the network', async ({ context, browser, baseURL }) => {
  const network = freshNetwork();
  const host = new URL(baseURL ?? '').host;
  const a = await openTab(context, network, '&broker=/mqtt&difficulty=1&projector=1');
  await expect(connectionLine(a.page)).toHaveText(`Connected to the class broker (${host})`);

  // The network view keeps the broker, the network and projector mode, and so does its way back.
  const viewLink = a.page.getByRole('link', { name: 'Open network view' });
  const [view] = await Promise.all([context.waitForEvent('page'), viewLink.click()]);
  const viewParams = new URL(view.url()).searchParams;
  expect(Object.fromEntries(viewParams)).toEqual({ net: network, broker: '/mqtt', difficulty: '1', projector: '1', view: 'network' });
  await expect(view.getByRole('heading', { name: 'Network view' })).toBeVisible();
  await expect(connectionLine(view)).toHaveText(`Connected to the class broker (${host})`);
  const back = new URL(await view.getByRole('link', { name: 'Open a tab of this network' }).getAttribute('href') ?? '', view.url());
  expect(Object.fromEntries(back.searchParams)).toEqual({ net: network, broker: '/mqtt', difficulty: '1', projector: '1' });

  // The join link: this origin, the network and the broker as the page got them, and the
  // teacher's public key (this browser made the network); copied, and drawn as a QR code.
  const join = view.getByTestId('join-panel');
  const teacherKey = await view.getByTestId('rules-signature').getAttribute('data-public-key');
  expect(teacherKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const joinLink = `${baseURL ?? ''}/?net=${network}&broker=/mqtt&key=${teacherKey ?? ''}`;
  await expect(join.getByTestId('join-url')).toHaveText(joinLink);
  await expect(join.getByTestId('join-url')).toHaveAttribute('href', joinLink);
  await expect(join.getByRole('img', { name: 'QR code of the join link' })).toBeVisible();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await join.getByRole('button', { name: 'Copy link' }).click();
  await expect(join.getByRole('status')).toHaveText('Copied.');
  expect(await view.evaluate(() => navigator.clipboard.readText())).toBe(joinLink);

  // Another computer opens it and is in the same network.
  const laptop = await browser.newContext();
  try {
    const student = await laptop.newPage();
    await student.goto(joinLink);
    await expect(connectionLine(student)).toHaveText(`Connected to the class broker (${host})`);
    await expect(onlinePeers(student)).toHaveCount(1);
    await expect(onlinePeers(a.page)).toHaveCount(1);
    await expect(view.locator('tr[data-tab-id]')).toHaveCount(2);
    // The student's tab hears of A's new block through the broker.
    await mine(a.page, 2);
    await expect(onlinePeers(student)).toContainText('height 2');
  } finally {
    await laptop.close();
  }
});

test('a broker out of reach: the line says so and when it tries again, while Mine and Add transaction still work', async ({ context }) => {
  const network = freshNetwork();
  const a = await openTab(context, network, '&broker=ws://127.0.0.1:1/mqtt&difficulty=1');
  const line = connectionLine(a.page);
  await expect(line).toContainText(/Broker unreachable \(127\.0\.0\.1:1\), trying again (in \d+ s|now) \(attempt \d+\)\./);
  await expect(line).toContainText('This node keeps running: its chain and transactions stay here, and it catches up once connected.');
  // It keeps trying, with a longer wait each time.
  await expect(line).toContainText(/\(attempt ([3-9]|\d\d+)\)/, { timeout: 20_000 });

  await addTransaction(a.page, 'alice', 'bob', '5');
  await mine(a.page, 2);
  await expect(height(a.page)).toHaveText('2');
});

test('a message that claims another sender is counted as forged, with what that means one click away', async ({ context, baseURL }) => {
  const network = freshNetwork();
  const a = await openTab(context, network, '&broker=/mqtt');
  await expect(connectionLine(a.page)).toContainText('Connected to the class broker');

  // Someone in the room publishes, on its own topic, a message that says it comes from A.
  const forger = randomUUID().replaceAll('-', '');
  const client = await mqtt.connectAsync(`${(baseURL ?? '').replace('http', 'ws')}/mqtt`, { clientId: forger, protocolVersion: 4 });
  try {
    await client.publishAsync(`tabchain/v1/${network}/all/${forger}`, JSON.stringify({ kind: 'arrive', from: a.id }));
  } finally {
    await client.endAsync();
  }
  const counts = a.page.getByTestId('link-counts');
  await expect(counts.locator('summary')).toHaveText('1 forged');
  await counts.locator('summary').click();
  await expect(counts).toContainText('Forged: a message claimed to come from another node than the one that sent it: dropped.');
});

async function expectNoViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

test('the connection line and the join panel speak Chinese, and have no axe violations', async ({ context, baseURL }) => {
  const network = freshNetwork();
  const a = await openTab(context, network, '&broker=ws://127.0.0.1:1/mqtt&lang=zh-CN');
  await expect(connectionLine(a.page)).toContainText(/无法连接代理服务器（127\.0\.0\.1:1），(\d+ 秒后重试|正在重试)（第 \d+ 次）。/);
  await expect(connectionLine(a.page)).toContainText('本节点继续运行');
  await expectNoViolations(a.page, 'a tab whose broker is out of reach, in Chinese');

  const view = await context.newPage();
  await view.goto(`/?net=${network}&broker=/mqtt&view=network&lang=zh-CN&projector=1`);
  await expect(connectionLine(view)).toHaveText(`已连接到课堂代理服务器（${new URL(baseURL ?? '').host}）`);
  const join = view.getByTestId('join-panel');
  await expect(join.getByRole('heading', { name: '加入这个课堂' })).toBeVisible();
  await expect(join.getByRole('img', { name: '加入链接的二维码' })).toBeVisible();
  await expectNoViolations(view, 'the network view on a broker, in Chinese, projector mode');
});
