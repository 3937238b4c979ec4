// Prints one JSON object {"<file name>": <parsed HCL>, ...} for every *.tf file in the directory given
// as the first argument. Used by TerraformTest (terraform itself is not installable here).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { parse } = require("@cdktf/hcl2json");

const dir = process.argv[2];
const out = {};
for (const name of readdirSync(dir).filter((n) => n.endsWith(".tf")).sort()) {
  out[name] = await parse(name, readFileSync(join(dir, name), "utf8"));
}
process.stdout.write(JSON.stringify(out));
