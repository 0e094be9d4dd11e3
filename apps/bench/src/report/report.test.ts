import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../options';
import { writeOutputs } from '../outputs';
import type { RunRecord } from '../runRecord';
import type { ResolvedSetup } from '../setup';
import { fakeRecord } from '../testRecords';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const methods = ['ns', 'ros', 'smote', 'bagan', 'adaar', 'adaar-no-d2'];
const cmd = parseBenchArgs([
  '--methods',
  methods.join(','),
  '--seeds',
  '3',
  '--sweep-k',
  '1,4,balance',
]);
if (cmd.kind !== 'run') throw new Error('bad test setup');
const setup: ResolvedSetup = {
  config: cmd.config,
  argv: ['--sweep-k', '1,4,balance'],
  datasetId: 'synthetic',
  datasetLabel: 'synthetic credit <test>',
  splits: ['M7/M9', 'M9/M11'],
  splitInfo: [
    {
      split: 'M7/M9',
      nTrain: 1000,
      nTrainPositive: 20,
      nTest: 1000,
      nTestPositive: 21,
      testPositiveRate: 0.021,
    },
    {
      split: 'M9/M11',
      nTrain: 1000,
      nTrainPositive: 22,
      nTest: 1000,
      nTestPositive: 24,
      testPositiveRate: 0.024,
    },
  ],
  dataHash: 'x',
  precisions: [0.1, 0.08],
  metrics: ['auc', 'rap@0.1', 'rap@0.08'],
  tableK: 1,
  ks: [1, 4, 'balance'],
  versions: { '@adaar/bench': '0.1.0' },
  userLabels: {},
};

function records(): RunRecord[] {
  const out: RunRecord[] = [];
  methods.forEach((method, mi) => {
    for (const split of setup.splits) {
      for (const seed of [0, 1, 2]) {
        for (const k of method === 'ns' ? [0] : [1, 4, 'balance' as const]) {
          const shift = mi / 100 - (k === 'balance' ? 0.03 : Number(k) / 200) + seed / 500;
          const generative = ['bagan', 'adaar', 'adaar-no-d2'].includes(method);
          out.push(
            fakeRecord(
              {
                split,
                method,
                seed,
                k,
                metrics: { auc: 0.8 + shift, 'rap@0.1': 0.3 + shift, 'rap@0.08': 0.35 + shift },
              },
              {
                ...(method !== 'ns'
                  ? {
                      diagnostics: {
                        spreadRatio: 0.6 + shift,
                        nnDistanceRatio: 1.1,
                        riskinessGap: -0.4,
                      },
                    }
                  : {}),
                ...(generative
                  ? {
                      curves: [
                        {
                          phase: 'adversarial',
                          step: [1, 2, 3, 4],
                          losses: { d: [1.2, 1.0, 0.9, 0.85], g: [0.7, 0.8, 0.75, 0.77] },
                        },
                      ],
                    }
                  : {}),
              },
            ),
          );
        }
      }
    }
  });
  return out;
}

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
  await writeOutputs(dir, setup, records(), { totalSeconds: 12, workers: 2 });
}, 60_000);

describe('writeOutputs', () => {
  it('writes the tables, both Figure 2 panels per split and their CSV, and the report', () => {
    for (const f of [
      'table2.md',
      'table2.csv',
      'figure2.csv',
      'figure2-auc.svg',
      'figure2-rap.svg',
      'figure2-auc-M9-M11.svg',
      'report.html',
    ]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
    }
    const svg = readFileSync(join(dir, 'figure2-auc.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    // One line per method (6 methods incl. NS as a flat reference).
    expect(svg).toContain('AUC on M7/M9 with different oversampling rate K');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html).not.toContain('<script');
    expect(html).toContain('synthetic credit &lt;test&gt;');
  });
});

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`SKIPPED: report.html browser test needs ${CHROMIUM} (apt-get install -y chromium)`);
}

describe.skipIf(!hasChromium)('report.html in headless Chromium', () => {
  let browser: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
  afterAll(async () => {
    await browser?.close();
  });

  it('renders tables and plots offline with no console errors', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'bench-chromium-'));
    // A fresh profile folder: Playwright passes it as --user-data-dir.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
    });
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(join(dir, 'report.html')).href;
    await page.goto(url, { waitUntil: 'load' });

    expect(await page.locator('#table2 tbody tr').count()).toBe(methods.length);
    expect(await page.locator('#table2 td.best').count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('#table2 thead th').count()).toBe(2 + 2 + 6);
    expect(await page.locator('#claims tbody > tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#diagnostics tbody tr').count()).toBeGreaterThan(0);
    // Figure 2 (2 splits x 2 metrics) and one curve per GAN method: every SVG has a real size
    // and drawn marks.
    const svgs = page.locator('figure svg');
    expect(await page.locator('figure.figure2 svg').count()).toBe(4);
    expect(await page.locator('figure.curve svg').count()).toBe(3);
    const n = await svgs.count();
    for (let i = 0; i < n; i++) {
      const box = await svgs.nth(i).boundingBox();
      expect(box && box.width > 100 && box.height > 100).toBe(true);
      expect(await svgs.nth(i).locator('path').count()).toBeGreaterThan(2);
    }
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
  });
});
