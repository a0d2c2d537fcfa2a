// Renders the styled corpus: every component example that a design system's npm
// package ships, as a full page of that design system (its own header, footer, CSS and
// JavaScript). Called by benchmarks/styled_corpus.py, which fetches the packages.
//
//   node styled_corpus.mjs <unpacked packages folder> <output folder>
//
// Examples come from what each package itself carries, never written by us:
//   govuk-frontend and @nationalarchives/frontend: components/*/fixtures.json (the
//     HTML their own tests render; fixtures marked hidden are test-only and skipped);
//   @ons/design-system: components/*/example-*.njk, rendered with its own layout;
//   @ministryofjustice/frontend: the Nunjucks examples in its components' README.md,
//     rendered with its macros on a GOV.UK Frontend page.
// hmrc-frontend and @scottish-government/design-system ship no examples in their
// packages, so they have no pages here.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const [, , packagesDir, outDir] = process.argv;
const require = createRequire(path.join(packagesDir, "node_modules", "x.js"));
const nunjucks = require("nunjucks");

const pkg = (name) => path.join(packagesDir, name, "package");
const made = {};
const skipped = {};

function write(system, name, html) {
  const file = path.join(outDir, system, `${name}.html`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, html);
  made[system] = (made[system] || 0) + 1;
}

function copyAssets(system, from, files) {
  for (const f of files) {
    const target = path.join(outDir, system, "assets", path.basename(f));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(from, f), target);
  }
}

function copyTree(from, to) {
  fs.cpSync(from, to, { recursive: true });
}

const escapeHtml = (s) =>
  String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

function fixtures(root, component) {
  const file = path.join(root, "components", component, "fixtures.json");
  if (!fs.existsSync(file)) return [];
  return JSON.parse(fs.readFileSync(file, "utf8")).fixtures.filter((f) => !f.hidden);
}

function components(root) {
  return fs.readdirSync(path.join(root, "components")).filter((c) =>
    fs.statSync(path.join(root, "components", c)).isDirectory(),
  ).sort();
}

const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
const title = (component, example, system) =>
  `${component.replace(/-/g, " ")}: ${example} - ${system}`;

// -- GOV.UK Frontend, and the systems built on it ------------------------------------

const GOVUK = () => path.join(pkg("govuk-frontend"), "dist", "govuk");

// GOV.UK Frontend's default header and footer, read from its fixtures once.
let govukChrome = null;
const chrome = () =>
  (govukChrome ??= Object.fromEntries(["header", "footer"].map((c) =>
    [c, fixtures(GOVUK(), c).find((f) => f.name === "default").html])));

function govukPage({ heading, body, css = [], scripts = "", htmlClass = "", bodyClass = "" }) {
  const { header, footer } = chrome();
  return `<!DOCTYPE html>
<html lang="en" class="govuk-template ${htmlClass}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(heading)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<link rel="stylesheet" href="assets/govuk-frontend.min.css">
${css.map((c) => `<link rel="stylesheet" href="assets/${c}">`).join("\n")}
</head>
<body class="govuk-template__body ${bodyClass}">
<script>document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');</script>
<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>
${header}
<div class="govuk-width-container">
<main class="govuk-main-wrapper" id="main-content">
<h1 class="govuk-heading-l">${escapeHtml(heading)}</h1>
${body}
</main>
</div>
${footer}
<script type="module">import { initAll } from './assets/govuk-frontend.min.js'; initAll();</script>
${scripts}
</body>
</html>
`;
}

function govukFrontend() {
  const root = GOVUK();
  copyAssets("govuk-frontend", root, ["govuk-frontend.min.css", "govuk-frontend.min.js"]);
  copyTree(path.join(root, "assets"), path.join(outDir, "govuk-frontend", "assets", "assets"));
  for (const component of components(root)) {
    for (const f of fixtures(root, component)) {
      const opts = f.pageTemplateOptions || {};
      write("govuk-frontend", `${component}--${slug(f.name)}`, govukPage({
        heading: title(component, f.name, "GOV.UK Frontend"),
        body: f.html,
        htmlClass: opts.htmlClasses || "",
        bodyClass: opts.bodyClasses || "",
      }));
    }
  }
}

// The Nunjucks examples in a package's README files, with every macro of the package
// and of GOV.UK Frontend imported, rendered on a GOV.UK Frontend page.
function readmeExamples(system, root, prefix, css, scripts) {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([path.dirname(root), path.join(pkg("govuk-frontend"), "dist")]),
  );
  const imports = [];
  for (const [base, dir] of [[path.join(pkg("govuk-frontend"), "dist"), "govuk"], [path.dirname(root), prefix]]) {
    for (const component of components(path.join(base, dir))) {
      const macroFile = path.join(base, dir, "components", component, "macro.njk");
      if (!fs.existsSync(macroFile)) continue;
      for (const m of fs.readFileSync(macroFile, "utf8").matchAll(/\{%-?\s*macro\s+(\w+)/g)) {
        imports.push(`{% from "${dir}/components/${component}/macro.njk" import ${m[1]} %}`);
      }
    }
  }
  for (const component of components(root)) {
    const readme = path.join(root, "components", component, "README.md");
    if (!fs.existsSync(readme)) continue;
    const blocks = [...fs.readFileSync(readme, "utf8").matchAll(/```njk\n([\s\S]*?)```/g)];
    blocks.forEach((block, i) => {
      let body;
      try {
        body = env.renderString(imports.join("\n") + "\n" + block[1], {});
      } catch (err) {
        skipped[system] = (skipped[system] || 0) + 1;
        return;
      }
      write(system, `${component}--example-${i + 1}`, govukPage({
        heading: title(component, `example ${i + 1}`, system), body, css, scripts,
      }));
    });
  }
}

function mojFrontend() {
  const root = path.join(pkg("@ministryofjustice/frontend"), "moj");
  copyAssets("moj-frontend", GOVUK(), ["govuk-frontend.min.css", "govuk-frontend.min.js"]);
  copyAssets("moj-frontend", root, ["moj-frontend.min.css", "moj-frontend.min.js"]);
  readmeExamples("moj-frontend", root, "moj", ["moj-frontend.min.css"],
    `<script type="module">import { initAll } from './assets/moj-frontend.min.js'; initAll();</script>`);
}

// -- The National Archives ----------------------------------------------------------

function nationalArchives() {
  const root = path.join(pkg("@nationalarchives/frontend"), "nationalarchives");
  copyAssets("nationalarchives", root, ["all.css", "all.js", "font-awesome.css"]);
  const header = fixtures(root, "header")[0]?.html || "";
  const footer = fixtures(root, "footer")[0]?.html || "";
  for (const component of components(root)) {
    for (const f of fixtures(root, component)) {
      const heading = title(component, f.name, "The National Archives");
      write("nationalarchives", `${component}--${slug(f.name)}`, `<!DOCTYPE html>
<html lang="en" class="tna-template">
<head>
<meta charset="utf-8">
<title>${escapeHtml(heading)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="assets/font-awesome.css">
<link rel="stylesheet" href="assets/all.css">
</head>
<body class="tna-template__body">
<script>document.documentElement.classList.add('tna-template--js-enabled');</script>
<a href="#main-content" class="tna-skip-link">Skip to main content</a>
${component === "header" ? "" : header}
<main class="tna-main" id="main-content">
<div class="tna-container"><div class="tna-column tna-column--full">
<h1 class="tna-heading-xl">${escapeHtml(heading)}</h1>
${f.html}
</div></div>
</main>
${component === "footer" ? "" : footer}
<script src="assets/all.js"></script>
<script>window.TNAFrontend && TNAFrontend.initAll();</script>
</body>
</html>
`);
    }
  }
}

// -- The Office for National Statistics ---------------------------------------------

function ons() {
  const root = pkg("@ons/design-system");
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader([root]));
  // The one filter of its own that the ONS templates use (its build defines it): the
  // object merged with the attributes given.
  env.addFilter("setAttributes", (attributes, more) => ({ ...(attributes || {}), ...(more || {}) }));
  copyTree(path.join(root, "css"), path.join(outDir, "ons", "css"));
  copyTree(path.join(root, "scripts"), path.join(outDir, "ons", "scripts"));
  copyTree(path.join(root, "img"), path.join(outDir, "ons", "img"));
  copyTree(path.join(root, "fonts"), path.join(outDir, "ons", "fonts"));
  for (const component of components(root)) {
    const dir = path.join(root, "components", component);
    for (const file of fs.readdirSync(dir).filter((f) => /^example-.*\.njk$/.test(f)).sort()) {
      const source = fs.readFileSync(path.join(dir, file), "utf8").replace(/^---\n[\s\S]*?\n---\n/, "");
      const name = file.replace(/^example-|\.njk$/g, "");
      const heading = title(component, name.replace(/-/g, " "), "ONS Design System");
      const page = /\{%\s*extends/.test(source)
        ? source
        : `{% extends "layout/_template.njk" %}
{% set pageConfig = { "title": ${JSON.stringify(heading)} } %}
{% block main %}<h1>${escapeHtml(heading)}</h1>
${source}
{% endblock %}`;
      let html;
      try {
        html = env.renderString(page, { designSystemVersion: "local" });
      } catch (err) {
        if (process.env.STYLED_CORPUS_DEBUG) console.error(file, String(err).slice(0, 300));
        skipped.ons = (skipped.ons || 0) + 1;
        continue;
      }
      // The layout points at the ONS CDN; the corpus serves the package's own files.
      html = html.replaceAll("https://cdn.ons.gov.uk/sdc/design-system/local/", "/ons/");
      write("ons", `${component}--${name}`, html);
    }
  }
}

fs.mkdirSync(outDir, { recursive: true });
for (const build of [govukFrontend, mojFrontend, nationalArchives, ons]) build();
console.log(JSON.stringify({ made, skipped }));
