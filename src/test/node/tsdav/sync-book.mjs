// Loads a galdav address book the way a JS app built on tsdav does, and prints ONE JSON object with what
// tsdav found (read by src/test/java/org/galdav/it/TsdavIT.java, which makes the assertions).
//
//   node sync-book.mjs SERVER_URL USER PASSWORD [BOOK_PATH]
//   (or GALDAV_URL, GALDAV_USER, GALDAV_PASSWORD, GALDAV_BOOK in the environment)
//
// Steps: login (service discovery, RFC 6764), fetchAddressBooks (PROPFIND Depth 1 on the home),
// fetchVCards on the book (addressbook-query with a bare FN prop-filter, then addressbook-multiget,
// RFC 6352 §8.6/§8.7), then smartCollectionSync twice: from an empty local copy (RFC 6578 initial
// sync-collection) and again from the state and token that returned (an incremental sync, nothing changed).
// Any tsdav exception: the error on stderr and stdout, exit status 1.
import { DAVClient } from 'tsdav';

const [argUrl, argUser, argPassword, argBook] = process.argv.slice(2);
const serverUrl = argUrl ?? process.env.GALDAV_URL;
const username = argUser ?? process.env.GALDAV_USER;
const password = argPassword ?? process.env.GALDAV_PASSWORD;
const bookPath = argBook ?? process.env.GALDAV_BOOK ?? '/addressbooks/directory/';
if (!serverUrl || !username || password === undefined) {
  console.error('usage: node sync-book.mjs SERVER_URL USER PASSWORD [BOOK_PATH]');
  process.exit(2);
}

const vCardValue = (data, name) => {
  // Unfolds (RFC 6350 §3.2) and returns the first value of a property, e.g. FN or UID.
  const unfolded = String(data ?? '').replace(/\r?\n[ \t]/g, '');
  const line = unfolded.split(/\r?\n/).find((l) => new RegExp(`^(item\\d+\\.)?${name}[;:]`, 'i').test(l));
  return line === undefined ? undefined : line.slice(line.indexOf(':') + 1);
};

const summary = (objects) => ({
  count: objects.length,
  distinctUrls: new Set(objects.map((o) => o.url)).size,
  withData: objects.filter((o) => typeof o.data === 'string' && o.data.startsWith('BEGIN:VCARD')).length,
  withEtag: objects.filter((o) => typeof o.etag === 'string' && o.etag.length > 0).length,
});

try {
  const client = new DAVClient({
    serverUrl,
    credentials: { username, password },
    authMethod: 'Basic',
    defaultAccountType: 'carddav',
  });
  await client.login();

  const books = await client.fetchAddressBooks();
  const book = books.find((b) => new URL(b.url).pathname === bookPath);
  const out = {
    tsdav: (await import('tsdav/package.json', { with: { type: 'json' } })).default.version,
    account: { rootUrl: client.account?.rootUrl, principalUrl: client.account?.principalUrl,
      homeUrl: client.account?.homeUrl },
    books: books.map((b) => ({ url: b.url, path: new URL(b.url).pathname, displayName: b.displayName,
      syncToken: b.syncToken ?? null, ctag: b.ctag ?? null, reports: b.reports })),
  };
  if (!book) {
    throw new Error(`fetchAddressBooks did not list ${bookPath}: ${books.map((b) => b.url).join(', ')}`);
  }

  const vcards = await client.fetchVCards({ addressBook: book });
  out.fetchVCards = {
    ...summary(vcards),
    urls: vcards.map((v) => new URL(v.url).pathname),
    // Every card as tsdav returned it, so the test parses them with a real vCard parser.
    cards: vcards.map((v) => v.data),
    sampleFn: vcards.slice(0, 5).map((v) => vCardValue(v.data, 'FN')),
  };

  // tsdav picks 'webdav' (sync-collection) when the book's supported-report-set names it, else 'basic'
  // (getctag, then fetchObjects). Both need the collection's fetch functions, as tsdav's docs show.
  const method = book.reports?.includes('syncCollection') ? 'webdav' : 'basic';
  const local = { ...book, objects: [], syncToken: undefined, ctag: undefined,
    objectMultiGet: (params) => client.addressBookMultiGet(params),
    fetchObjects: (params) => client.fetchVCards({ ...params, addressBook: params.collection }) };
  const initial = await client.smartCollectionSync({ collection: local });
  out.initialSync = {
    method,
    ...summary(initial.objects),
    urls: initial.objects.map((o) => new URL(o.url).pathname),
    syncToken: initial.syncToken ?? null,
  };

  const again = await client.smartCollectionSync({ collection: { ...local, objects: initial.objects,
    syncToken: initial.syncToken, ctag: book.ctag }, detailedResult: true });
  out.incrementalSync = {
    created: again.objects.created.length,
    updated: again.objects.updated.length,
    deleted: again.objects.deleted.length,
    syncToken: again.syncToken ?? null,
  };

  // The principal's CARDDAV:directory-gateway (RFC 6352 §6.4, draft-daboo-carddav-directory-gateway) is the
  // one way an app finds a gateway book, which fetchAddressBooks never lists. fetchVCards there is a search
  // capped at search.max-results: recorded, not thrown, so the test can say what a tsdav app meets.
  const principal = await client.propfind({ url: client.account.principalUrl,
    props: { 'card:directory-gateway': {} }, depth: '0' });
  const gatewayHrefs = [principal[0]?.props?.directoryGateway?.href ?? []].flat().filter(Boolean);
  out.gateways = [];
  for (const href of gatewayHrefs) {
    const url = new URL(href, client.account.rootUrl).href;
    try {
      out.gateways.push({ path: new URL(url).pathname, count: (await client.fetchVCards({ addressBook: { url } })).length });
    } catch (error) {
      out.gateways.push({ path: new URL(url).pathname, error: String(error.message).split('. Raw response')[0] });
    }
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
} catch (error) {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(error);
  process.stdout.write(`${JSON.stringify({ error: message })}\n`);
  process.exit(1);
}
