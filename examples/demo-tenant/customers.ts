/**
 * A deterministic generator of the demo manufacturer's customers: Chinese and export customers with
 * unified social credit codes / VAT ids, payer bank accounts, regions, sales owners and parent groups.
 */
export interface DemoCustomer {
  code: string;
  name: string;
  taxId: string;
  peppolId?: string;
  gln?: string;
  region: string;
  salesOwner: string;
  /** The customer's accounts-payable contact (reserved example.com addresses: nothing real receives them). */
  billingEmail: string;
  parentCode?: string;
  currency: string;
  paymentTermsDays: number;
  creditLimit: string;
  objectType: 'customer';
  custom: {
    industry: string;
    creditGrade: string;
    frameworkContract?: string;
    keyAccount?: boolean;
    /** What approval flows read (ENGINES.md §2.4): the sales manager, org unit and legal status. */
    salesManagerId?: string;
    orgUnit: string;
    inLegalDispute?: boolean;
    inLiquidation?: boolean;
  };
  bankAccounts: { iban?: string; accountNumber?: string; bankName: string; holderName: string }[];
}

/** mulberry32: a tiny seeded PRNG so every demo database is the same. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const cities = [
  '上海',
  '苏州',
  '杭州',
  '宁波',
  '南京',
  '北京',
  '天津',
  '青岛',
  '广州',
  '深圳',
  '东莞',
  '成都',
  '重庆',
  '武汉',
];
const regionOf: Record<string, string> = {
  上海: 'East',
  苏州: 'East',
  杭州: 'East',
  宁波: 'East',
  南京: 'East',
  北京: 'North',
  天津: 'North',
  青岛: 'North',
  广州: 'South',
  深圳: 'South',
  东莞: 'South',
  成都: 'West',
  重庆: 'West',
  武汉: 'Central',
};
const cores = [
  '华能',
  '恒泰',
  '鼎新',
  '瑞丰',
  '宏达',
  '金桥',
  '远航',
  '中科',
  '联创',
  '海川',
  '天成',
  '新源',
  '博远',
  '盛世',
  '嘉禾',
  '明辉',
  '永信',
  '汇通',
  '安达',
  '锦程',
];
const trades = ['汽车零部件', '电子科技', '机械设备', '新能源', '建材', '医疗器械', '精密仪器', '自动化'];
const industries = [
  'automotive',
  'electronics',
  'machinery',
  'energy',
  'construction',
  'medical',
  'machinery',
  'machinery',
];
const suffixes = ['有限公司', '股份有限公司', '集团有限公司'];
const banks = ['中国工商银行', '中国建设银行', '招商银行', '中国银行', '交通银行', '浦发银行'];
const exportNames = [
  'Rheinmetall Komponenten',
  'Nordic Drive Systems',
  'Bavaria Antriebstechnik',
  'Lyon Mécanique',
  'Rotterdam Industrial Supply',
  'Milano Automazione',
  'Wien Präzision',
  'Gdańsk Machinery',
];
const exportSuffix = ['GmbH', 'AB', 'GmbH', 'SAS', 'B.V.', 'S.p.A.', 'GmbH', 'Sp. z o.o.'];
const owners: Record<string, string> = {
  East: 'sales.east@demo.hexiao.dev',
  North: 'sales.north@demo.hexiao.dev',
  South: 'sales.south@demo.hexiao.dev',
  West: 'sales.south@demo.hexiao.dev',
  Central: 'sales.north@demo.hexiao.dev',
  Export: 'sales.export@demo.hexiao.dev',
};

const uscc = (r: () => number) => {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let s = '91' + String(110000 + Math.floor(r() * 540000));
  while (s.length < 18) s += chars[Math.floor(r() * chars.length)];
  return s;
};

/** A German IBAN with correct check digits (ISO 13616 mod 97). */
function germanIban(r: () => number): string {
  const bban = String(10000000 + Math.floor(r() * 89999999)) + String(1000000000 + Math.floor(r() * 8999999999));
  const numeric = `${bban}131400`; // D=13, E=14, then 00
  let rem = 0;
  for (const ch of numeric) rem = (rem * 10 + Number(ch)) % 97;
  return `DE${String(98 - rem).padStart(2, '0')}${bban}`;
}

const orgUnits: Record<string, string> = {
  East: 'East',
  North: 'North',
  South: 'South',
  West: 'South',
  Central: 'North',
  Export: 'Export',
};
const salesManagers: Record<string, string> = {
  East: 'sm.east@demo.hexiao.dev',
  North: 'sm.north@demo.hexiao.dev',
  South: 'sm.south@demo.hexiao.dev',
};

/**
 * The fields approval flows read, by position (no draw from the generator, so the rest stays as it was):
 * every customer's org unit; key accounts have a named sales manager; a few are in a legal dispute or in
 * liquidation (write-off candidates for the demo screens).
 */
function approvalFacts(i: number, region: string, keyAccount = false) {
  const orgUnit = orgUnits[region]!;
  return {
    orgUnit,
    ...(keyAccount && salesManagers[orgUnit] ? { salesManagerId: salesManagers[orgUnit] } : {}),
    ...(i % 41 === 7 ? { inLegalDispute: true } : {}),
    ...(i % 47 === 5 ? { inLiquidation: true } : {}),
  };
}

export function demoCustomers(count = 300): DemoCustomer[] {
  const r = prng(20261125);
  const out: DemoCustomer[] = [];
  const groups: string[] = [];
  for (let i = 1; i <= count; i++) {
    const code = `C${String(i).padStart(5, '0')}`;
    const exportCustomer = i % 12 === 0;
    const grade = ['A', 'B', 'B', 'C', 'C', 'D'][Math.floor(r() * 6)]!;
    if (exportCustomer) {
      const k = Math.floor(r() * exportNames.length);
      const name = `${exportNames[k]} ${exportSuffix[k]}`;
      out.push({
        code,
        name: `${name} #${i}`,
        taxId: `DE${100000000 + Math.floor(r() * 899999999)}`,
        peppolId: `0088:${4000000000000 + i}`,
        gln: String(4000000000000 + i),
        region: 'Export',
        salesOwner: owners.Export!,
        billingEmail: `ap.${code.toLowerCase()}@example.com`,
        currency: r() < 0.5 ? 'EUR' : 'USD',
        paymentTermsDays: 60,
        creditLimit: `${(50 + Math.floor(r() * 450)) * 1000}.00`,
        objectType: 'customer',
        custom: { industry: industries[k % industries.length]!, creditGrade: grade, ...approvalFacts(i, 'Export') },
        bankAccounts: [{ iban: germanIban(r), bankName: 'Deutsche Bank', holderName: name }],
      });
      continue;
    }
    const city = cities[Math.floor(r() * cities.length)]!;
    const t = Math.floor(r() * trades.length);
    const name = `${city}${cores[Math.floor(r() * cores.length)]}${trades[t]}${suffixes[Math.floor(r() * suffixes.length)]}`;
    const region = regionOf[city]!;
    const isGroup = i % 25 === 1;
    if (isGroup) groups.push(code);
    const parent = !isGroup && groups.length && r() < 0.2 ? groups[Math.floor(r() * groups.length)] : undefined;
    out.push({
      code,
      name: `${name}（${i}）`,
      taxId: uscc(r),
      region,
      salesOwner: owners[region]!,
      billingEmail: `ap.${code.toLowerCase()}@example.com`,
      ...(parent ? { parentCode: parent } : {}),
      currency: 'CNY',
      paymentTermsDays: [30, 45, 60, 90][Math.floor(r() * 4)]!,
      creditLimit: `${(100 + Math.floor(r() * 4900)) * 1000}.00`,
      objectType: 'customer',
      custom: {
        industry: industries[t]!,
        creditGrade: grade,
        ...(r() < 0.6 ? { frameworkContract: `FC-2026-${String(i).padStart(4, '0')}` } : {}),
        ...(isGroup ? { keyAccount: true } : {}),
        ...approvalFacts(i, region, isGroup),
      },
      bankAccounts: [
        {
          accountNumber: String(6222000000000000000n + BigInt(Math.floor(r() * 1e12)) * 1000n + BigInt(i)),
          bankName: banks[Math.floor(r() * banks.length)]!,
          holderName: name,
        },
      ],
    });
  }
  return out;
}
