import type { Finding } from '../report/finding.js';
import type { Report } from '../report/report.js';

/** Only http(s) URLs, normalised by the URL parser (so `<`, `>`, spaces and quotes come out percent-encoded). */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.username || url.password) return undefined;
    return url.href.replace(/\|/g, '%7C');
  } catch {
    return undefined;
  }
}

const objectOf = (component: string, separator: string) => {
  const i = component.indexOf(separator);
  return i > 0 ? component.slice(0, i) : undefined;
};

/** Setup pages where each metadata type is edited; objects by API name, as Lightning's URLs take them. */
function setupPath(f: Finding): string | undefined {
  const obj = (sep: string, page: string) => {
    const o = objectOf(f.component, sep);
    return o ? `/lightning/setup/ObjectManager/${encodeURIComponent(o)}/${page}/view` : undefined;
  };
  switch (f.metadataType) {
    case 'Layout':
      return obj('-', 'PageLayouts');
    case 'CompactLayout':
      return obj('.', 'CompactLayouts');
    case 'CustomField':
      return obj('.', 'FieldsAndRelationships');
    case 'WebLink':
      return obj('.', 'ButtonsLinksActions');
    case 'CustomObject':
      return `/lightning/setup/ObjectManager/${encodeURIComponent(f.component)}/Details/view`;
    case 'ListView': {
      const o = objectOf(f.component, '.');
      const name = o ? f.component.slice(o.length + 1) : undefined;
      return o && name ? `/lightning/o/${encodeURIComponent(o)}/list?filterName=${encodeURIComponent(name)}` : undefined;
    }
    case 'FlexiPage':
      return '/lightning/setup/FlexiPageList/home';
    case 'Profile':
      return '/lightning/setup/EnhancedProfiles/home';
    case 'CustomApplication':
      return '/lightning/setup/NavigationMenus/home';
    default:
      return undefined;
  }
}

/**
 * Where a person can open the component: the finding's own record link when a
 * source set one, else the Setup page of a live org. A folder audit has no org to link to.
 */
export function componentUrl(report: Report, f: Finding): string | undefined {
  const own = safeUrl(f.url);
  if (own) return own;
  if (report.org.kind !== 'org') return undefined;
  const base = safeUrl(report.org.location);
  const path = setupPath(f);
  if (!base || !path) return undefined;
  return safeUrl(new URL(path, base).href);
}
