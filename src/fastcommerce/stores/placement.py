"""Where to put demo dark stores: greedily at the densest uncovered cluster of pincode centroids."""

from collections.abc import Sequence

from fastcommerce.geo.distance import haversine_m


def dense_sites(
    points: Sequence[tuple[float, float]], count: int, radius_m: float
) -> list[tuple[float, float]]:
    """Pick up to `count` (lat, lng) sites; each is the mean of the pincodes within `radius_m` of the point
    that reaches the most pincodes no earlier site reaches."""
    neighbours = [
        [j for j, q in enumerate(points) if haversine_m(p[0], p[1], q[0], q[1]) <= radius_m] for p in points
    ]
    covered: set[int] = set()
    sites: list[tuple[float, float]] = []
    while len(sites) < count:
        best = max(range(len(points)), key=lambda i: (len(set(neighbours[i]) - covered), -i), default=None)
        if best is None or not set(neighbours[best]) - covered:
            break
        members = neighbours[best]
        lat = sum(points[j][0] for j in members) / len(members)
        lng = sum(points[j][1] for j in members) / len(members)
        sites.append((round(lat, 5), round(lng, 5)))
        covered.update(members)
    return sites
