"""Putting a posed body on the floor, and flattening it onto the page.

A body on the floor rests on the side of its outline that its centre of mass stands over: we
turn the figure (about the reader's line of sight) onto the nearest such side, then lift it
so its lowest point touches the floor line (y = 0). A body on its feet or on a chair is only
lifted. Hands and feet that reach the floor are then laid flat on it.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from publish.figures import body
from publish.figures.kinematics import Skeleton, Vec, pose_skeleton
from publish.figures.poses import BASES, resolve
from publish.model import Pose

Point = tuple[float, float]

@dataclass(frozen=True)
class Camera:
    """An orthographic view of the settled body.

    ``yaw`` turns the world about the vertical so that what faced right comes towards the
    reader; ``pitch`` looks down from above (what is nearer is drawn lower, as on a floor seen
    from a standing height); ``shear`` shifts what is nearer a little sideways (the side view
    seen slightly from in front, so a far limb lying exactly behind the near one still shows).
    """

    yaw: float = 0.0
    pitch: float = 0.0
    shear: float = 0.0

    @cached_property
    def _trig(self) -> tuple[float, float, float, float]:
        """cos and sin of yaw and pitch, worked out once per camera, not once per point."""
        a, b = math.radians(self.yaw), math.radians(self.pitch)
        return math.cos(a), math.sin(a), math.cos(b), math.sin(b)

    def project(self, p: Vec) -> tuple[float, float, float]:
        """(x, y) on the page and depth towards the reader."""
        x, y, z = p
        ca, sa, cb, sb = self._trig
        x, z = x * ca - z * sa, x * sa + z * ca
        return x + self.shear * z, y * cb - z * sb, z * cb + y * sb

    def project_all(self, joints: dict[str, Vec]) -> tuple[dict[str, Point], dict[str, float]]:
        """Every joint's page point and depth: ``project`` over a whole body, in one pass."""
        ca, sa, cb, sb, shear = *self._trig, self.shear
        points: dict[str, Point] = {}
        depths: dict[str, float] = {}
        for name, (x, y, z) in joints.items():
            x, z = x * ca - z * sa, x * sa + z * ca
            points[name] = (x + shear * z, y * cb - z * sb)
            depths[name] = z * cb + y * sb
        return points, depths

    @property
    def towards_reader(self) -> Vec:
        """The direction, in the settled body's space, that points at the reader."""
        a, b = math.radians(self.yaw), math.radians(self.pitch)
        # depth = x sin a cos b + z cos a cos b + y sin b
        return (math.sin(a) * math.cos(b), math.sin(b), math.cos(a) * math.cos(b))


#: The side view, seen slightly from in front so the far limbs show beside the near ones.
SIDE = Camera(shear=0.3)
#: A body lying on the floor seen from the front (lying on its side) is seen a little from
#: above, so a bent bottom knee comes forward onto the floor instead of hiding behind the
#: body, and a foot pointing forward does not seem to point at the ceiling.
FRONT_LYING = Camera(pitch=20.0)
FRONT = Camera()
#: In front and to the left, a little from above: a turn of the shoulders to the right shows
#: as the chest turning away to the reader's left, the head in profile looking where it turns,
#: the start's wider chest dashed behind it, while the thighs still point ahead and the feet
#: stand on the floor. (From the front and right the turned chest came to face the reader and
#: hid the start's narrower one; from higher up the face looked down at the floor.)
THREE_QUARTER = Camera(yaw=115.0, pitch=20.0)


#: On hands and knees, seen from the side, with less of the sideways shift: each far hand and
#: knee then shows just behind the near one, under the same shoulder or hip. With the full
#: shift, the far hands and knees stood half a hand behind the near ones: read as hands (and
#: knees) set one behind the other.
SIDE_PLANTED = Camera(shear=0.12)


def camera_for(view: str, base: str) -> Camera:
    if view == "three-quarter":
        return THREE_QUARTER
    if view == "front":
        return FRONT_LYING if BASES[base].support == "floor" else FRONT
    return SIDE_PLANTED if BASES[base].planted else SIDE


@dataclass(frozen=True)
class Placed:
    """A body placed in the picture: 2-D points (floor at y = 0), depth towards the reader."""

    skeleton: Skeleton  # 3-D, after settling (used for lengths and depth)
    points: dict[str, Point]
    view: str
    base: str
    depths: dict[str, float] = field(default_factory=dict)
    camera: Camera = SIDE

    def depth(self, joint: str) -> float:
        return self.depths[joint]

    def outline(self) -> list[Point]:
        """Points on the drawn outline: every bone's stroke, the torso and the head."""
        return _outline(self.points, self.skeleton)


def place(pose: Pose, view: str = "side") -> Placed:
    if "shins" in BASES[pose.base].flat:
        pose, settled = _kneel(pose)  # settled as seen from the side
        if view == "front":
            settled = _settled(pose, view)
        return _projected(pose, view, settled)
    return _place(pose, view)


def _place(pose: Pose, view: str) -> Placed:
    return _projected(pose, view, _settled(pose, view))


def _settled(pose: Pose, view: str) -> Skeleton:
    """The posed skeleton put on the floor: turned onto the side it rests on, lifted onto the
    floor, hands and feet laid flat (3-D; the side and three-quarter views share it)."""
    return _settled_body(pose, view).skeleton_now()


def _settled_body(pose: Pose, view: str) -> _Body:
    """``_settled`` as the settled _Body, for a caller that reads a few joints of it (the
    kneeling solver's trials) before, if ever, it needs the whole skeleton."""
    skeleton = pose_skeleton(pose, "front" if view == "front" else "side")
    base = BASES[pose.base]
    kneeling = "shins" in base.flat
    body = _Body.of(skeleton)
    if base.support == "floor":
        body.level(base.up)
        body.settle(kneeling)
    body.lift(kneeling)
    body.update(_lay_flat(body.some(_ENDS), base.flat))
    body.lift(kneeling)
    if kneeling:
        body.update(_feet_along_floor(body.some(_FEET)))
    body.lift()
    return body


_ENDS = tuple(f"{s}_{j}" for s in ("left", "right") for j in ("ankle", "heel", "toe", "wrist", "fingers"))
_FEET = tuple(f"{s}_{j}" for s in ("left", "right") for j in ("knee", "ankle", "heel", "toe"))


@dataclass
class _Body:
    """A body being settled: its joints' coordinates as three lists (x, y, z) in the
    skeleton's joint order, so that turning or lifting it is a pass over floats rather than a
    new dict of tuples at every step. Each step computes what the dict of tuples did, in the
    same order, so the same floats come out."""

    skeleton: Skeleton
    names: tuple[str, ...]
    index: dict[str, int]
    x: list[float]
    y: list[float]
    z: list[float]

    @classmethod
    def of(cls, skeleton: Skeleton) -> _Body:
        names = tuple(skeleton.joints)
        x, y, z = (list(c) for c in zip(*skeleton.joints.values()))
        return cls(skeleton, names, _index(names), x, y, z)

    def joints(self) -> dict[str, Vec]:
        return dict(zip(self.names, zip(self.x, self.y, self.z)))

    def skeleton_now(self) -> Skeleton:
        """The body as it now lies, a skeleton with the bones, head and spine it came with."""
        skeleton = self.skeleton
        return Skeleton(self.joints(), skeleton.bones, skeleton.head, skeleton.spine)

    def at(self, name: str) -> Vec:
        k = self.index[name]
        return self.x[k], self.y[k], self.z[k]

    def some(self, names: tuple[str, ...]) -> dict[str, Vec]:
        i = self.index
        return {n: (self.x[i[n]], self.y[i[n]], self.z[i[n]]) for n in names}

    def update(self, joints: dict[str, Vec]) -> None:
        for name, (x, y, z) in joints.items():
            k = self.index[name]
            self.x[k], self.y[k], self.z[k] = x, y, z

    def turn(self, angle: float) -> None:
        """Turn about the line of sight."""
        c, s = math.cos(angle), math.sin(angle)
        xs, ys = self.x, self.y
        self.x = [x * c - y * s for x, y in zip(xs, ys)]
        self.y = [x * s + y * c for x, y in zip(xs, ys)]

    def level(self, up: Vec) -> None:
        """Turn the body (in the picture plane) so its pelvis lies as the base pose says.

        The spine bends about its middle; turning the pelvis back keeps a lying body's hips
        where they were and lets the bend show at the shoulders (a curl) or the legs (a bridge).
        """
        i = self.index
        a, b = i["spine0"], i["spine1"]
        angle = _level_angle((self.x[a], self.y[a]), (self.x[b], self.y[b]), up)
        if angle is not None:
            self.turn(angle)

    def settle(self, kneeling: bool) -> None:
        """Turn the body onto the side of its outline nearest to the side now facing down.

        A side qualifies if the centre of mass stands over it (the body rests on it) or it is
        long (the body is held on it, like a bridge between shoulders and feet). Kneeling, the
        feet give way (they lie flat later): the body rests on hands and knees.
        """
        angle = _settling_turn(self.hull_outline(kneeling), self.centre_of_mass())
        if angle is not None:
            self.turn(angle)

    def shape(self, kneeling: bool = False) -> dict[str, Point]:
        """The joints as the outline sees them (x, y): kneeling, the feet give way to the ankles."""
        shape = dict(zip(self.names, zip(self.x, self.y)))
        if kneeling:
            for s in ("left", "right"):
                shape[f"{s}_heel"] = shape[f"{s}_toe"] = shape[f"{s}_ankle"]
        return shape

    def lift(self, kneeling: bool = False) -> None:
        """Down (or up) until the lowest point of the outline is on the floor (kneeling: of
        the outline with the feet given way)."""
        low = self.lowest(kneeling)
        self.y = [y - low for y in self.y]

    # The outline's measures read from the lists, not from a dict of the joints made for each
    # (``shape``): the same points in the same order, so the same floats as the functions.

    def lowest(self, kneeling: bool = False) -> float:
        """``_lowest(self.shape(kneeling), self.skeleton)``."""
        plan = _index_plan(self.skeleton, self.names, kneeling)
        ys = self.y
        return min(min(plan.points_of(ys)), min(map(operator.add, plan.discs_of(ys), plan.downs)))

    def hull_outline(self, kneeling: bool = False) -> list[Point]:
        """``_hull_outline(self.shape(kneeling), self.skeleton)``."""
        plan = _index_plan(self.skeleton, self.names, kneeling)
        xs, ys = self.x, self.y
        out = list(_corners(tuple(zip(plan.points_of(xs), plan.points_of(ys)))))
        largest: dict[Point, float] = {}
        for centre, r in zip(zip(plan.discs_of(xs), plan.discs_of(ys)), plan.radii):
            if largest.get(centre, -1.0) < r:
                largest[centre] = r
        for (x, y), r in largest.items():
            out += [(x + r * c, y + r * s) for c, s in _CIRCLE]
        return _hull(out)

    def centre_of_mass(self) -> Point:
        """``_centre_of_mass(self.shape(), self.skeleton)``."""
        plan = _index_plan(self.skeleton, self.names, False)
        xs, ys = self.x, self.y
        total = x = y = 0.0
        for mass, joints in plan.masses:
            mx = sum([xs[k] for k in joints]) / len(joints)
            my = sum([ys[k] for k in joints]) / len(joints)
            total += mass
            x, y = x + mass * mx, y + mass * my
        return x / total, y / total


@dataclass(frozen=True)
class _IndexPlan:
    """An OutlinePlan (and the bones' masses) as places in a _Body's lists: kneeling, the
    heels and toes read the ankles' places (the feet give way, as in ``_Body.shape``)."""

    points_of: operator.itemgetter  # the plan's single points, from a list
    discs_of: operator.itemgetter  # the discs' centres, from a list
    radii: tuple[float, ...]
    downs: tuple[float, ...]  # each disc's radius times _DOWN: its lowest point below its centre
    masses: tuple[tuple[float, tuple[int, ...]], ...]  # (mass, places of the joints averaged)


_INDEX_PLANS: dict[tuple[int, tuple[str, ...], bool], tuple[tuple, _IndexPlan]] = {}


def _index_plan(skeleton: Skeleton, names: tuple[str, ...], kneeling: bool) -> _IndexPlan:
    key = (id(skeleton.bones), names, kneeling)
    kept = _INDEX_PLANS.get(key)
    if kept is not None and kept[0] is skeleton.bones:
        return kept[1]
    index = dict(_index(names))
    if kneeling:
        for s in ("left", "right"):
            index[f"{s}_heel"] = index[f"{s}_toe"] = index[f"{s}_ankle"]
    plan = outline_plan(skeleton)
    masses = tuple(
        (bone.mass, tuple(index[n] for n in (bone.joints if bone.name != "neck" else (skeleton.head,))))
        for bone in skeleton.bones if bone.mass
    )
    made = _IndexPlan(
        _taker([index[n] for n in plan.points]), _taker([index[n] for n, _ in plan.discs]),
        tuple(r for _, r in plan.discs), tuple(r * _DOWN for _, r in plan.discs), masses,
    )
    _INDEX_PLANS[key] = (skeleton.bones, made)
    return made


def _taker(places: list[int]) -> operator.itemgetter:
    """An itemgetter that gives a tuple for any number of places (itemgetter of one gives the item)."""
    if len(places) == 1:
        return lambda seq, k=places[0]: (seq[k],)
    return operator.itemgetter(*places)


@lru_cache(maxsize=8)
def _index(names: tuple[str, ...]) -> dict[str, int]:
    return {n: k for k, n in enumerate(names)}


def _projected(pose: Pose, view: str, settled: Skeleton) -> Placed:
    camera = camera_for(view, pose.base)
    points, depths = camera.project_all(settled.joints)
    return Placed(settled, points, view, pose.base, depths, camera)


def _kneel(pose: Pose) -> tuple[Pose, Skeleton]:
    """On hands and knees: the shins lie along the floor, the arms stand upright under the
    shoulders and the thighs upright under the hips, as they do when the weight rests on hands
    and knees. The knee, hip and shoulder angles move (a few degrees) to make it so; the data's other angles stand, and an angle
    the data sets itself is kept. Returns the pose and its body settled as seen from the side
    (the solver's last trial: it need not be settled again)."""
    angles = resolve(pose)
    free = [j for j in ("knee", "shoulder", "hip") if pose.angle(j, None) is None]
    values = [angles[f"right_{j}"] for j in free]

    def errors(vals: list[float]) -> tuple[tuple[Pose, _Body], list[float]]:
        trial = Pose(pose.base, pose.angles + tuple(zip(free, vals)))
        settled = _settled_body(trial, "side")  # the skeleton made only for the last trial
        at = settled.at
        k, a, h = at("right_knee"), at("right_ankle"), at("right_hip")
        s, w = at("right_shoulder"), at("right_wrist")
        found = {
            "knee": math.degrees(math.atan2(k[1] - a[1], abs(k[0] - a[0]))),  # shin along the floor
            "shoulder": math.degrees(math.atan2(w[0] - s[0], s[1] - w[1])),  # arm upright
            "hip": math.degrees(math.atan2(h[0] - k[0], h[1] - k[1])),  # thigh upright
        }
        return (trial, settled), [found[name] for name in free]

    trial, err = errors(values)
    for _ in range(8):  # Newton's method, the slopes measured
        if not free or max(abs(e) for e in err) < 0.1:
            break
        step = 0.5
        slopes = []
        for i in range(len(free)):
            nudged = list(values)
            nudged[i] += step
            slopes.append([(e1 - e0) / step for e1, e0 in zip(errors(nudged)[1], err)])
        change = _solve([[slopes[c][r] for c in range(len(free))] for r in range(len(free))], [-e for e in err])
        if change is None:
            break
        limit = max(abs(c) for c in change)
        if limit > 15:
            change = [c * 15 / limit for c in change]
        values = [v + c for v, c in zip(values, change)]
        trial, err = errors(values)
    solved, settled = trial
    return solved, settled.skeleton_now()


def _solve(matrix: list[list[float]], rhs: list[float]) -> list[float] | None:
    """Gaussian elimination with partial pivoting; None when the system is singular."""
    n = len(rhs)
    m = [row[:] + [r] for row, r in zip(matrix, rhs)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        if abs(m[pivot][col]) < 1e-9:
            return None
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col])]
    return [m[i][n] / m[i][i] for i in range(n)]


#: The outline draws each joint of a stroke as a disc: a polygon of DISC_SAMPLES points in
#: directions every disc shares, so a disc's lowest point is always its sample straight down.
DISC_SAMPLES = 12
_CIRCLE = tuple(
    (math.cos(2 * math.pi * k / DISC_SAMPLES), math.sin(2 * math.pi * k / DISC_SAMPLES)) for k in range(DISC_SAMPLES)
)
_DOWN = min(s for _, s in _CIRCLE)


@dataclass(frozen=True)
class OutlinePlan:
    """What the outline of a skeleton is made of: discs (joint, radius), each once, and single
    points (the torso's rings and the nose). The same for every pose: worked out once."""

    discs: tuple[tuple[str, float], ...]
    points: tuple[str, ...]


_PLANS: dict[int, tuple[tuple, OutlinePlan]] = {}


def outline_plan(skeleton: Skeleton) -> OutlinePlan:
    """The plan for ``skeleton``'s bones, kept per bones tuple (every pose shares one)."""
    kept = _PLANS.get(id(skeleton.bones))
    if kept is not None and kept[0] is skeleton.bones:
        return kept[1]
    discs: list[tuple[str, float]] = []
    for bone in skeleton.bones:
        if bone.drawn:
            discs += [(name, bone.width / 2) for name in bone.joints]
    discs += [(skeleton.head, body.CRANIUM_RADIUS), ("jaw", body.JAW_RADIUS)]
    points = [n for ring in skeleton.rings for n in ring] + [f"nose{i}" for i in range(len(body.NOSE))]
    plan = OutlinePlan(tuple(dict.fromkeys(discs)), tuple(points))
    _PLANS[id(skeleton.bones)] = (skeleton.bones, plan)
    return plan


def _outline(points: dict[str, tuple[float, ...]], skeleton: Skeleton) -> list[Point]:
    """Points on the drawn outline: a disc round every stroke's joints, the torso's rings, the
    head and the nose."""
    plan = outline_plan(skeleton)
    out: list[Point] = []
    for name, r in plan.discs:
        x, y = points[name][0], points[name][1]
        out += [(x + r * c, y + r * s) for c, s in _CIRCLE]
    out += [(points[n][0], points[n][1]) for n in plan.points]
    return out


def _lowest(points: dict[str, tuple[float, ...]], skeleton: Skeleton) -> float:
    """``min(y for _, y in _outline(points, skeleton))``, without drawing the outline.

    A disc's samples are y + r * sin(angle); with r >= 0 the smallest is the one with the
    smallest sine (rounding keeps the order), so the same float comes out."""
    plan = outline_plan(skeleton)
    low = min(points[n][1] for n in plan.points)
    return min(low, min(points[name][1] + r * _DOWN for name, r in plan.discs))


def _hull_outline(points: dict[str, tuple[float, ...]], skeleton: Skeleton) -> list[Point]:
    """``_hull(_outline(points, skeleton))``, from fewer points.

    The torso's rings and the nose give only a few corners: their own hull's, kept for the
    kneeling solver's trials (they move only the limbs). A disc drawn twice at one place
    (mirror images in a side view) is drawn once, and a disc inside a larger one round the
    same joint (the forearm's end inside the upper arm's at the elbow) adds no corner."""
    plan = outline_plan(skeleton)
    out = list(_corners(tuple([(points[n][0], points[n][1]) for n in plan.points])))
    largest: dict[Point, float] = {}
    for name, r in plan.discs:
        centre = (points[name][0], points[name][1])
        if largest.get(centre, -1.0) < r:
            largest[centre] = r
    for (x, y), r in largest.items():
        out += [(x + r * c, y + r * s) for c, s in _CIRCLE]
    return _hull(out)


@lru_cache(maxsize=16)
def _corners(points: tuple[Point, ...]) -> tuple[Point, ...]:
    return tuple(_hull(list(points)))


def _centre_of_mass(joints: dict[str, Vec], skeleton: Skeleton) -> Point:
    total = x = y = 0.0
    for bone in skeleton.bones:
        if not bone.mass:
            continue
        names = bone.joints if bone.name != "neck" else (skeleton.head,)
        mx = sum(joints[n][0] for n in names) / len(names)
        my = sum(joints[n][1] for n in names) / len(names)
        total += bone.mass
        x, y = x + bone.mass * mx, y + bone.mass * my
    return x / total, y / total


def _hull(points: list[Point]) -> list[Point]:
    """Convex hull, counter-clockwise (Andrew's monotone chain)."""
    pts = sorted(set(points))
    lower, upper = _half_hull(pts), _half_hull(pts[::-1])
    return lower[:-1] + upper[:-1]


def _half_hull(seq: list[Point]) -> list[Point]:
    """One chain of the hull: keep only left turns (the turn test written out, it runs for
    every point of every outline). The chain's last two points are kept in names too (o, a:
    ``out[-2]``, ``out[-1]``), so a test reads no list; the tests are the same."""
    out: list[Point] = []
    pop, append = out.pop, out.append
    n = 0  # len(out), kept by hand
    ox = oy = ax = ay = 0.0
    for p in seq:
        px, py = p
        while n >= 2:
            if (ax - ox) * (py - oy) - (ay - oy) * (px - ox) > 0:
                break
            pop()
            n -= 1
            ax, ay = ox, oy
            if n >= 2:
                ox, oy = out[-2]
        append(p)
        n += 1
        ox, oy, ax, ay = ax, ay, px, py
    return out


#: A side of the outline at least this long can carry the body even when the centre of mass
#: is not over it: the muscles hold a curl or a bridge, the floor does not have to.
LONG_SIDE = 0.25


def _level_angle(spine0: tuple[float, ...], spine1: tuple[float, ...], up: Vec) -> float | None:
    (x0, y0), (x1, y1) = spine0[:2], spine1[:2]
    if math.hypot(x1 - x0, y1 - y0) < 1e-6 or math.hypot(up[0], up[1]) < 1e-6:
        return None
    return math.atan2(up[1], up[0]) - math.atan2(y1 - y0, x1 - x0)


def _settling_turn(hull: list[Point], centre: Point) -> float | None:
    """The smallest turn that brings a qualifying side of ``hull`` face down (see _Body.settle)."""
    cx, cy = centre
    best: float | None = None
    for a, b in zip(hull, hull[1:] + hull[:1]):
        dx, dy = b[0] - a[0], b[1] - a[1]
        length2 = dx * dx + dy * dy
        if length2 < 1e-12:
            continue
        t = ((cx - a[0]) * dx + (cy - a[1]) * dy) / length2
        if not 0.0 <= t <= 1.0 and length2 < LONG_SIDE**2:
            continue
        normal = math.atan2(-dx, dy)  # outward, for a counter-clockwise hull
        turn = -math.pi / 2 - normal  # what brings that side face down
        turn = (turn + math.pi) % (2 * math.pi) - math.pi
        if best is None or abs(turn) < abs(best) - 1e-9:
            best = turn
    return best


def _lay_flat(joints: dict[str, Vec], flat: tuple[str, ...]) -> dict[str, Vec]:
    """Lay hands and feet that reach the floor flat on it, keeping every segment's length."""
    out = dict(joints)
    for side in ("left", "right"):
        if "feet" in flat:
            ankle, heel, toe = (joints[f"{side}_{j}"] for j in ("ankle", "heel", "toe"))
            y = body.WIDTH["foot"] / 2
            drop = _distance(ankle, heel)
            if ankle[1] - y <= drop:
                way = 1.0 if toe[0] >= heel[0] else -1.0
                back = math.sqrt(max(drop * drop - (ankle[1] - y) ** 2 - (ankle[2] - heel[2]) ** 2, 0.0))
                new_heel = (ankle[0] - way * back, y, heel[2])
                out[f"{side}_heel"] = new_heel
                along = math.sqrt(max(_distance(heel, toe) ** 2 - (toe[2] - heel[2]) ** 2, 0.0))
                out[f"{side}_toe"] = (new_heel[0] + way * along, y, toe[2])
        if "hands" in flat:
            wrist, fingers = joints[f"{side}_wrist"], joints[f"{side}_fingers"]
            y = body.WIDTH["hand"] / 2
            reach = _distance(wrist, fingers)
            level = reach * reach - (wrist[1] - y) ** 2 - (wrist[2] - fingers[2]) ** 2
            if level >= 0:
                way = 1.0 if fingers[0] >= wrist[0] else -1.0
                dx = math.sqrt(level)
                out[f"{side}_fingers"] = (wrist[0] + way * dx, y, fingers[2])
    return out


def _feet_along_floor(joints: dict[str, Vec]) -> dict[str, Vec]:
    """Kneeling: turn each foot about its ankle (in the picture plane, keeping its shape)
    until the toes rest on the floor, pointing away from the knee, tops down."""
    out = dict(joints)
    for side in ("left", "right"):
        knee, ankle, heel, toe = (joints[f"{side}_{j}"] for j in ("knee", "ankle", "heel", "toe"))
        vx, vy = toe[0] - ankle[0], toe[1] - ankle[1]
        length = math.hypot(vx, vy)
        rest = body.WIDTH["foot"] / 2
        sin = max(-1.0, min(1.0, (rest - ankle[1]) / length))
        way = 1.0 if ankle[0] >= knee[0] else -1.0
        target = math.atan2(sin, way * math.sqrt(1 - sin * sin))
        turn = target - math.atan2(vy, vx)
        c, s = math.cos(turn), math.sin(turn)
        for name, p in (("heel", heel), ("toe", toe)):
            dx, dy = p[0] - ankle[0], p[1] - ankle[1]
            out[f"{side}_{name}"] = (ankle[0] + dx * c - dy * s, ankle[1] + dx * s + dy * c, p[2])
    return out


def _distance(a: Vec, b: Vec) -> float:
    return math.dist(a, b)
