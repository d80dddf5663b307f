// map.js: Leaflet wrapper. Degrades gracefully: no Leaflet (vendor/ not built) -> no map, the
// coordinate inputs still work; tiles unreachable -> a plain background with the pins.
// Pins are circle markers (SVG), so no marker images are needed.
import config from '../config.js';

export function hasMap() {
	return typeof window.L !== 'undefined';
}

// A map in container `node`; returns {map, setPin(lat,lng), addPoint(...), fit()} or null.
export function makeMap(node, opts) {
	if (!hasMap() || !node)
		return null;
	const L = window.L;
	opts = opts || {};
	const map = L.map(node, { scrollWheelZoom: false, keyboard: true })
		.setView(opts.center || config.mapCenter, opts.zoom || config.mapZoom);
	const tiles = L.tileLayer(config.tileUrl, {
		maxZoom: config.tileMaxZoom, attribution: config.tileAttribution,
	});
	tiles.on('tileerror', () => node.classList.add('map-notiles'));
	tiles.addTo(map);
	let pin = null;
	const points = [];
	const api = {
		map,
		setPin(lat, lng, pan) {
			if (pin)
				pin.setLatLng([lat, lng]);
			else
				pin = L.circleMarker([lat, lng], { radius: 9, color: '#b3261e', weight: 3, fillOpacity: 0.6 }).addTo(map);
			if (pan)
				map.setView([lat, lng], Math.max(map.getZoom(), 16));
		},
		addPoint(lat, lng, label, onClick, cls) {
			const m = L.circleMarker([lat, lng], { radius: 7, color: cls === 'late' ? '#b3261e' : '#0b57d0', weight: 2, fillOpacity: 0.5 })
				.addTo(map);
			if (label)
				m.bindTooltip(label);
			if (onClick)
				m.on('click', onClick);
			points.push([lat, lng]);
			return m;
		},
		clearPoints() {
			map.eachLayer((l) => { if (l instanceof L.CircleMarker && l !== pin) map.removeLayer(l); });
			points.length = 0;
		},
		fit() {
			if (points.length > 1)
				map.fitBounds(points, { padding: [20, 20], maxZoom: 16, animate: false });
			else if (points.length === 1)
				map.setView(points[0], 15, { animate: false });
		},
	};
	if (opts.onPick)
		map.on('click', (ev) => { api.setPin(ev.latlng.lat, ev.latlng.lng); opts.onPick(ev.latlng.lat, ev.latlng.lng); });
	// a map in a hidden step has no size yet: recompute when it becomes visible
	api.refresh = () => map.invalidateSize();
	return api;
}
