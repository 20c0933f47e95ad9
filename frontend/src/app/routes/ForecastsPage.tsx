import { PageShell } from '../PageShell';

export default function ForecastsPage() {
  return <PageShell title="Forecasts" errors={[]}>{null}</PageShell>;
}
