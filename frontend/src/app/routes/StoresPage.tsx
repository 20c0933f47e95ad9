import { PageShell } from '../PageShell';

export default function StoresPage() {
  return <PageShell title="Stores" errors={[]}>{null}</PageShell>;
}
