import type { Command } from '../command.ts';
import { openRuntime } from '../runtime.ts';
import { seedDemo } from '../../demo/seed-demo.ts';

export const seedCommand: Command = {
  name: 'seed',
  summary: 'Load the demo tenant (a manufacturer with 300 customers, users for every role)',
  usage: 'hexiao seed --demo [--json]',
  options: { demo: { type: 'boolean' } },
  async run(args, out) {
    if (!args.values.demo) throw new Error('say what to seed: --demo');
    const rt = await openRuntime('seed');
    try {
      const report = await seedDemo(rt.deps);
      out.result(report, (r) =>
        r.created
          ? `seeded tenant ${r.tenant}: ${r.users} users, ${r.customers} customers, ${r.documents} documents, ${r.settlements} settlements`
          : `tenant ${r.tenant} already exists; nothing seeded`,
      );
      return 0;
    } finally {
      await rt.close();
    }
  },
};
