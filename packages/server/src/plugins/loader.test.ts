import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPlugins } from './loader.ts';

const fixtures = fileURLToPath(new URL('./fixtures/broken-plugins/', import.meta.url));
const acme = fileURLToPath(new URL('../../../../examples/', import.meta.url));

describe('plugin loading', () => {
  it('loads every built-in connector by its stable id', async () => {
    const { connectors, problems } = await loadPlugins();
    expect([...connectors.keys()].sort()).toEqual(
      [
        'bai2',
        'camt053',
        'camt054',
        'cii',
        'csv-bank',
        'customers-csv',
        'fx-rates-csv',
        'invoices-csv',
        'mt940',
        'orders-csv',
        'orders-cii',
        'orders-json',
        'orders-ubl',
        'ubl',
      ].sort(),
    );
    expect(problems).toEqual([]);
  });

  it('reports each broken plugin with its name and reason and keeps the good ones', async () => {
    const { connectors, problems, origins } = await loadPlugins({
      folder: fixtures,
      packages: ['@hexiao-examples/no-such-plugin'],
    });
    expect(connectors.has('fixture-good')).toBe(true);
    expect(origins.get('camt053')).toBe('built-in');
    const byName = Object.fromEntries(problems.map((p) => [p.name.split('/').pop(), p.reason]));
    expect(byName['syntax-error']).toBeTruthy();
    expect(byName['no-connector']).toMatch(/exports no connector/);
    expect(byName['duplicate-id']).toMatch(/camt053 is already provided by built-in/);
    expect(byName['no-such-plugin']).toMatch(/Cannot find|not found/i);
  });

  it('loads the example third-party plugin from the examples folder', async () => {
    const { connectors, origins } = await loadPlugins({ folder: acme });
    expect(connectors.get('acme-erp')?.kind).toBe('e-invoice');
    expect(origins.get('acme-erp')).toMatch(/connector-acme-erp$/);
  });
});
