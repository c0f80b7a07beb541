// Validates Kubernetes manifests against the Kubernetes OpenAPI schemas, through kubernetes-models (one class per
// apiVersion/kind, each validating with ajv against the schema generated from the Kubernetes OpenAPI document).
//   node k8s-validate.mjs path/to/kustomization.yaml
// Every document of every file the kustomization lists is checked; a document whose apiVersion/kind the models do
// not know fails (so does a file that is missing or not YAML). One line per document; exit code 1 if any failed.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseAllDocuments, parse } from "yaml";

const kustomizationPath = process.argv[2];
if (!kustomizationPath) {
  console.error("usage: node k8s-validate.mjs KUSTOMIZATION.yaml");
  process.exit(2);
}

// The model of apiVersion/kind: "v1" is the core group (kubernetes-models/v1/Pod), "apps/v1" is apps/v1/Deployment.
async function modelOf(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !/^[A-Za-z0-9.\/-]+$/.test(apiVersion) || !/^[A-Za-z0-9]+$/.test(kind)) {
    return null;
  }
  try {
    const module = await import(`kubernetes-models/${apiVersion}/${kind}`);
    const model = module[kind];
    return model && model.apiVersion === apiVersion && model.kind === kind ? model : null;
  } catch {
    return null;
  }
}

let failed = 0;
let checked = 0;
const fail = (where, why) => {
  failed++;
  console.log(`FAIL ${where}: ${why}`);
};

let kustomization;
try {
  kustomization = parse(readFileSync(kustomizationPath, "utf8"));
} catch (error) {
  fail(kustomizationPath, error.message);
  process.exit(1);
}
const resources = kustomization?.resources;
if (!Array.isArray(resources) || resources.length === 0) {
  fail(kustomizationPath, "no resources listed");
}

for (const resource of resources ?? []) {
  const file = join(dirname(kustomizationPath), resource);
  let documents;
  try {
    documents = parseAllDocuments(readFileSync(file, "utf8"));
  } catch (error) {
    fail(file, error.message);
    continue;
  }
  for (const [index, document] of documents.entries()) {
    const where = `${file}#${index + 1}`;
    if (document.errors.length > 0) {
      fail(where, document.errors.map((e) => e.message).join("; "));
      continue;
    }
    const object = document.toJS();
    if (object === null || object === undefined) {
      continue;
    }
    checked++;
    const model = await modelOf(object.apiVersion, object.kind);
    if (!model) {
      fail(where, `unknown apiVersion/kind ${object.apiVersion}/${object.kind}`);
      continue;
    }
    try {
      new model(object).validate();
      console.log(`ok   ${where} ${object.kind}/${object.metadata?.name}`);
    } catch (error) {
      fail(`${where} ${object.kind}/${object.metadata?.name}`, error.message);
    }
  }
}

console.log(`k8s-validate: ${checked - failed} valid, ${failed} invalid`);
process.exit(failed === 0 && checked > 0 ? 0 : 1);
