// Front-matter validation in the editor: VS Code's "remark" extension (unifiedjs.vscode-remark) and
// `npx remark cases whitepapers docs/news` read this file. The schemas are written by `hubtool schema`
// from the content model; this maps each content folder to its schema. One-time set-up: `npm install`.
import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";

export default {
  plugins: [
    remarkFrontmatter,
    [remarkLintFrontmatterSchema, {
      schemas: {
        "./.vscode/schemas/case.schema.json": ["./cases/!(index|index.en).md"],
        "./.vscode/schemas/whitepaper.schema.json": ["./whitepapers/!(index|index.en).md"],
        "./.vscode/schemas/news.schema.json": ["./docs/news/posts/*.md"],
      },
    }],
  ],
};
