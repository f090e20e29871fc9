import { expect, test } from './fixtures.ts';
import { wcagViolations } from './support/axe.ts';

test('the records manager reaches the Aussonderung by keyboard; clerks do not see it', async ({ loginAs }) => {
  const clerk = await loginAs('sachbearbeiter1');
  const nav = clerk.page.getByRole('navigation', { name: 'Hauptnavigation' });
  await expect(nav.getByRole('link', { name: 'Akten' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Aussonderung' })).toHaveCount(0);

  const admin = await loginAs('admin');
  const link = admin.page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Aussonderung' });
  await link.focus();
  await admin.page.keyboard.press('Enter');
  await expect(admin.page.getByRole('heading', { level: 1, name: 'Aussonderung' })).toBeVisible();
  // The demo Akten were closed recently: none is due yet, and none was offered.
  await expect(admin.page.getByText('Noch keine Aussonderung.')).toBeVisible();
  await expect(admin.page.getByRole('heading', { level: 2, name: /abgelaufener Aufbewahrungsfrist/ })).toBeVisible();
  expect(await wcagViolations(admin.page)).toEqual([]);
});
