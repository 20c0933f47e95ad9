import { PageShell } from '../PageShell';

export default function InventoryPage() {
  return <PageShell title="Inventory" errors={[]}>{null}</PageShell>;
}
