/** Words the seed generator writes posts with: one entry per topic. */

export interface Topic {
  name: string;
  openers: string[];
  words: string[];
}

export const TOPICS: Topic[] = [
  { name: 'coffee', openers: ['Morning notes on', 'Finally tried', 'Hot take on'],
    words: ['espresso', 'pour-over', 'grinder', 'crema', 'roast', 'aeropress',
      'beans', 'latte'] },
  { name: 'hiking', openers: ['Trail report:', 'Packing list for', 'Best views with'],
    words: ['summit', 'switchbacks', 'boots', 'ridge', 'trailhead', 'map',
      'blisters', 'sunrise'] },
  { name: 'jazz', openers: ['Listening to', 'Late night with', 'Cannot stop playing'],
    words: ['saxophone', 'bebop', 'trio', 'improvisation', 'vinyl', 'standards',
      'swing', 'bassline'] },
  { name: 'baking', openers: ['Weekend bake:', 'Lessons from', 'My new favourite'],
    words: ['sourdough', 'starter', 'crumb', 'butter', 'oven', 'croissant',
      'proofing', 'flour'] },
  { name: 'cycling', openers: ['Ride recap:', 'Upgraded my', 'Thoughts on'],
    words: ['gravel', 'cadence', 'climb', 'tubeless', 'peloton', 'saddle',
      'gears', 'headwind'] },
  { name: 'gardening', openers: ['In the garden:', 'Planting', 'Harvest of'],
    words: ['tomatoes', 'compost', 'seedlings', 'mulch', 'herbs', 'pruning',
      'soil', 'greenhouse'] },
  { name: 'photography', openers: ['Shot of the day:', 'Playing with', 'Field notes on'],
    words: ['aperture', 'film', 'portrait', 'golden-hour', 'lens', 'bokeh',
      'tripod', 'exposure'] },
  { name: 'programming', openers: ['Today I learned', 'Refactoring', 'Debugging'],
    words: ['typescript', 'graphs', 'compiler', 'tests', 'latency', 'queries',
      'types', 'caching'] },
  { name: 'football', openers: ['Match thoughts:', 'What a game for', 'Tactics talk:'],
    words: ['midfield', 'pressing', 'goalkeeper', 'derby', 'penalty', 'striker',
      'formation', 'transfer'] },
  { name: 'films', openers: ['Just watched', 'Rewatching', 'Underrated:'],
    words: ['noir', 'director', 'soundtrack', 'sequel', 'cinematography',
      'festival', 'screenplay', 'western'] },
  { name: 'boardgames', openers: ['Game night:', 'First play of', 'Strategy for'],
    words: ['meeples', 'deckbuilding', 'dice', 'co-op', 'expansion',
      'worker-placement', 'tiles', 'campaign'] },
  { name: 'travel', openers: ['Postcard from', 'Itinerary for', 'Hidden gems:'],
    words: ['trains', 'old-town', 'street-food', 'ferry', 'hostel', 'museums',
      'night-market', 'coast'] },
];

export const FIRST_NAMES = [
  'Ada', 'Ben', 'Chloe', 'Dev', 'Elena', 'Femi', 'Greta', 'Hiro', 'Ines', 'Jon',
  'Kiri', 'Lena', 'Mateo', 'Nia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara',
];
