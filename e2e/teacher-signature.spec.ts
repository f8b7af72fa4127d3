import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { connectAsync } from 'mqtt';
import { newKeyPair } from '../src/network/signing';
import { freshNetwork, openTab, showTab } from './tabs';

/*
 * A class through the project's broker: the teacher's browser holds the network's key, a
 * student's browser (another context: another computer, as far as the page can tell) only its
 * public half, from the link. The teacher's rules reach the student, signed; rules a prankster
 * publishes on the broker change nothing.
 */

test('rules signed by the teacher reach a student on another computer; a prankster’s rules change nothing', async ({ browser, baseURL }) => {
  const network = freshNetwork();
  const teacherContext = await browser.newContext();
  const studentContext = await browser.newContext();
  try {
    const teacher = await openTab(teacherContext, network, '&broker=/mqtt');
    await showTab(teacher.page, 'Network rules');
    const signature = teacher.page.getByTestId('rules-signature');
    await expect(signature).toContainText('Signed by the teacher: this browser holds the network’s key');
    const key = await signature.getAttribute('data-public-key');
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // The student's link asks for difficulty 1, but the network runs the teacher's rules.
    const student = await openTab(studentContext, network, `&broker=/mqtt&key=${key ?? ''}&difficulty=1`);
    await showTab(student.page, 'Network rules');
    await expect(student.page.getByTestId('rules-signature')).toContainText(`Signed by the teacher (key ${(key ?? '').slice(0, 8)}…)`);
    await expect(student.page.getByTestId('rules-summary')).toContainText('difficulty 4');
    await expect(student.page.getByRole('button', { name: 'Apply to network' })).toHaveCount(0);

    const panel = teacher.page.getByTestId('rules-panel');
    await panel.getByLabel('Difficulty').selectOption('3');
    await panel.getByRole('button', { name: 'Apply to network' }).click();
    await expect(student.page.getByTestId('rules-summary')).toContainText('difficulty 3');

    // A prankster on the broker: its own topic (the broker refuses others), any clock.
    const prankster = randomUUID().replaceAll('-', '');
    const client = await connectAsync(`${(baseURL ?? '').replace(/^http/, 'ws')}/mqtt`, { clientId: prankster, protocolVersion: 4 });
    const hard = { rule: 'bound', difficulty: 6, genesis: 'node', strict: false, balances: false, autoResolve: false };
    await client.publishAsync(
      `tabchain/v1/${network}/all/${prankster}`,
      JSON.stringify({
        kind: 'rules',
        v: 1,
        from: prankster,
        rules: hard,
        schedule: [{ from: 1, rule: 'bound', difficulty: 6, strict: false, balances: false }],
        clock: { epoch: 2 ** 31, at: 0, by: prankster },
      }),
    );
    await client.endAsync();
    await showTab(student.page, 'What happened');
    await expect(student.page.getByTestId('activity')).toContainText('sent rules the teacher did not sign: ignored');
    await showTab(student.page, 'Network rules');
    await expect(student.page.getByTestId('rules-summary')).toContainText('difficulty 3');
    await expect(student.page.getByTestId('rules-summary')).toContainText('Rule tutorial');
  } finally {
    await teacherContext.close();
    await studentContext.close();
  }
});

test('the teacher’s link that npm start prints hands this browser the key, and leaves the address bar at once', async ({ context }) => {
  const network = freshNetwork();
  const pair = newKeyPair();
  const teacher = await openTab(context, network, `&key=${pair.publicKey}&teacher=${pair.secretKey}`);
  await expect.poll(() => new URL(teacher.page.url()).searchParams.has('teacher')).toBe(false);
  expect(new URL(teacher.page.url()).searchParams.get('key')).toBe(pair.publicKey);
  await showTab(teacher.page, 'Network rules');
  await expect(teacher.page.getByTestId('rules-signature')).toHaveAttribute('data-public-key', pair.publicKey);
  await expect(teacher.page.getByTestId('rules-signature')).toContainText('Signed by the teacher: this browser holds the network’s key');
  // Another tab of this browser, opened with the students' link, is the teacher's too.
  const second = await openTab(context, network, `&key=${pair.publicKey}`);
  await showTab(second.page, 'Network rules');
  await expect(second.page.getByRole('button', { name: 'Apply to network' })).toBeVisible();
});
