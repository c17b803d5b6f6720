import { useQuery } from '@apollo/client/react';
import { DevicesDocument } from '@supergraph/client-core';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../../components/Status';
import { LatestValue } from './LatestValue';

// Latest values shown per device in the list; the device page has them all.
const METRICS_SHOWN = 4;

/** The viewer's devices with the newest value of each metric. */
export function DevicesPage() {
  const { data, error, refetch } = useQuery(DevicesDocument, { fetchPolicy: 'cache-and-network' });
  const devices = data?.devices;

  if (error) return <ErrorMessage error={error} retry={() => void refetch()} />;
  if (!devices) return <Loading what="Loading your devices" />;
  if (devices.edges.length === 0) return <p className="empty">No devices yet: register one with registerDevice and give it its key.</p>;
  return (
    <section className="card">
      <h1>Devices</h1>
      <table className="lines">
        <thead>
          <tr>
            <th>Device</th>
            <th>Kind</th>
            <th>Latest values</th>
          </tr>
        </thead>
        <tbody>
          {devices.edges.map(({ node }) => (
            <tr key={node.id} data-testid="device">
              <td>
                <Link to={`/devices/${node.id}`}>{node.name}</Link>
              </td>
              <td>{node.kind}</td>
              <td>
                {node.metrics.length === 0 ? (
                  <span className="muted">no readings yet</span>
                ) : (
                  <ul className="metrics">
                    {node.metrics.slice(0, METRICS_SHOWN).map((metric) => (
                      <li key={metric}>
                        {metric}: <LatestValue deviceId={node.id} metric={metric} />
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {devices.pageInfo.hasNextPage && <p className="muted">Showing your newest {devices.edges.length} devices.</p>}
    </section>
  );
}
