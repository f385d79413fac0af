// Drives a demo cluster with @kubernetes/client-node as a user's script would; prints what it saw as one JSON line.
// Arguments: KUBECONFIG CONTEXT
import * as k8s from '@kubernetes/client-node';

const kc = new k8s.KubeConfig();
kc.loadFromFile(process.argv[2]);
kc.setCurrentContext(process.argv[3]);
const core = kc.makeApiClient(k8s.CoreV1Api);
const out = {};
out.namespaces = (await core.listNamespace()).items.map(n => n.metadata.name);
out.nodes = (await core.listNode()).items.map(n => n.metadata.name);
await core.createNamespacedConfigMap({namespace: 'default', body: {metadata: {name: 'from-node'}, data: {a: 'b'}}});
out.configMap = (await core.readNamespacedConfigMap({name: 'from-node', namespace: 'default'})).data;
out.pods = (await core.listPodForAllNamespaces()).items.length;
try {
  await core.readNamespacedConfigMap({name: 'nope', namespace: 'default'});
} catch (e) {
  out.missing = e.code;
}
const seen = [];
const watch = new k8s.Watch(kc);
const request = await watch.watch('/api/v1/namespaces/default/configmaps', {},
  (type, obj) => seen.push(type + ' ' + obj.metadata.name), () => {});
await core.createNamespacedConfigMap({namespace: 'default', body: {metadata: {name: 'watched'}}});
for (let i = 0; i < 50 && !seen.includes('ADDED watched'); i++) {
  await new Promise(r => setTimeout(r, 100));
}
request.abort();
out.watched = seen;
console.log(JSON.stringify(out));
process.exit(0);
