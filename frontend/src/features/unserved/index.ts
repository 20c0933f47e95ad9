import './unserved.css';

export { UnservedLayer } from './components/UnservedLayer';
export { UnservedList } from './components/UnservedList';
export { unservedPlaces, type UnservedPlace } from './unserved';
