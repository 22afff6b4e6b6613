// Lighthouse 12 on several URLs with ONE Chrome (the CLI starts Node and Chrome again for each page).
// Usage: node lighthouse_run.mjs OUT_DIR CATEGORIES FORM_FACTOR URL...
//   CATEGORIES: comma-separated (seo,accessibility,...); FORM_FACTOR: mobile | desktop.
// Writes OUT_DIR/<index>.json (the Lighthouse result) per URL; exits 1 on a runtime error.
// Chrome: CHROME_PATH (Debian's /usr/bin/chromium), flags from CHROME_FLAGS (space-separated).
import fs from "node:fs";
import path from "node:path";
import lighthouse, { desktopConfig } from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const [outDir, categories, formFactor, ...urls] = process.argv.slice(2);
const chromeFlags = (process.env.CHROME_FLAGS || "").split(" ").filter(Boolean);
const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH, chromeFlags,
                                             logLevel: "silent" });
let failed = false;
try {
  for (const [index, url] of urls.entries()) {
    const flags = { port: chrome.port, output: "json", logLevel: "error",
                    onlyCategories: categories.split(","), maxWaitForLoad: 30000 };
    const config = formFactor === "desktop" ? desktopConfig : undefined;
    const result = await lighthouse(url, flags, config);
    fs.writeFileSync(path.join(outDir, `${index}.json`), result.report);
    if (result.lhr.runtimeError) {
      console.error(`${url}: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`);
      failed = true;
    }
  }
} finally {
  await chrome.kill();
}
process.exit(failed ? 1 : 0);
