import './playback.css';

export { PlaybackBar } from './components/PlaybackBar';
