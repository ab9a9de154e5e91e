// Validates OpenAPI documents: each file named on the command line must match the OpenAPI 3.1
// schema (@seriousme/openapi-schema-validator), and, beyond what a schema can say, every path
// template's {names} must be exactly its operations' path parameters, every operation must
// list its responses and every operationId must be unique. Prints each problem; exits 1 if
// there is any. Run by tests/integration/openapi_test.cpp.
import { readFile } from "node:fs/promises";
import { Validator } from "@seriousme/openapi-schema-validator";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs FILE.json...");
  process.exit(2);
}

let problems = 0;
const problem = (file, text) => {
  problems += 1;
  console.error(`${file}: ${text}`);
};

for (const file of files) {
  const document = JSON.parse(await readFile(file, "utf8"));
  const validator = new Validator();
  const result = await validator.validate(document);
  if (!result.valid) {
    problem(file, `does not match the OpenAPI schema: ${JSON.stringify(result.errors, null, 2)}`);
    continue;
  }
  if (!String(validator.version).startsWith("3.1")) {
    problem(file, `is OpenAPI ${validator.version}, not 3.1`);
  }
  const ids = new Set();
  let operations = 0;
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    for (const [method, operation] of Object.entries(item)) {
      operations += 1;
      const declared = (operation.parameters ?? [])
        .filter((p) => p.in === "path")
        .map((p) => p.name)
        .sort();
      if (JSON.stringify(declared) !== JSON.stringify(templated)) {
        problem(file, `${method} ${path}: path parameters ${declared} but the template has ${templated}`);
      }
      if (operation.responses === undefined || Object.keys(operation.responses).length === 0) {
        problem(file, `${method} ${path}: no responses`);
      }
      if (ids.has(operation.operationId)) {
        problem(file, `${method} ${path}: operationId ${operation.operationId} used twice`);
      }
      ids.add(operation.operationId);
    }
  }
  console.log(`${file}: valid OpenAPI ${validator.version}, ${operations} operations`);
}
process.exit(problems === 0 ? 0 : 1);
