// The Vue GlobalComponents types of every <omni-*> tag (generated from the elements' manifest).
import '@omnikit/elements/vue';
