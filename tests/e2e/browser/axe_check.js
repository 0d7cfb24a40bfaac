#!/usr/bin/env node
// Usage: node axe_check.js FILE.html
// Opens FILE in Debian's Chromium (or $CHROMIUM) through puppeteer-core, runs axe-core with the WCAG 2.0
// and 2.1 A and AA rules, and prints JSON: the violations, how many rules passed, and any request the
// page tried to make outside the file itself (the report must need no network). Exit 0 when the check
// ran, whatever it found; 2 on a usage error; 1 when the browser could not be run.
'use strict';

const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const puppeteer = require('puppeteer-core');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function check(file) {
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 1600 });
    const outside = [];
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      const url = request.url();
      if (url.startsWith('file:') || url.startsWith('data:')) {
        request.continue();
      } else {
        outside.push(url);
        request.abort();
      }
    });
    await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: 'load' });
    await page.evaluate(axeSource);
    const results = await page.evaluate(
      (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
      TAGS,
    );
    return {
      file: path.basename(file),
      axe_version: results.testEngine.version,
      tags: TAGS,
      passes: results.passes.length,
      external_requests: [...new Set(outside)],
      violations: results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.map((node) => ({ target: node.target, summary: node.failureSummary })),
      })),
    };
  } finally {
    await browser.close();
  }
}

async function main() {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) {
    console.error('usage: node axe_check.js FILE.html');
    return 2;
  }
  if (!fs.existsSync(file)) {
    console.error(`axe_check: no such file: ${file}`);
    return 2;
  }
  try {
    console.log(JSON.stringify(await check(file), null, 2));
    return 0;
  } catch (error) {
    console.error(`axe_check: could not run ${CHROMIUM}: ${error.message}`);
    return 1;
  }
}

main().then((code) => { process.exitCode = code; });
