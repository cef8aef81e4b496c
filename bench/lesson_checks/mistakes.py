"""Realistic beginner answers for lessons 00-12, beyond each exercise's own ``wrong=`` list.

``MISTAKES[lesson][exercise]`` holds ``(code, words)``: code a learner plausibly writes in
place of the solution cell, and the words a *specific* message must contain (the words that
name this mistake). ``ALTERNATIVES[lesson][exercise]`` holds other right answers. They run
as the lesson's own ``Wrong`` answers do (``diveml.lessons._proof``): after every earlier
cell in solution mode and after the exercise's starter cell. ``measure.py`` prints shares.
"""

from __future__ import annotations

MISTAKES: dict[str, dict[str, list[tuple[str, str]]]] = {
    "00": {
        "first_answer": [
            ("answer = 6 ** 7", "not six times seven"),
            ("answer = print(6 * 7)", "None"),
            ("answer = [6 * 7]", "a list"),
        ],
        "count_rows": [
            ("n_flowers = 150", "typed the number in"),
            ("n_flowers = flowers.shape", "a tuple"),
            ("n_flowers = flowers.count()", "one count per column"),
            ("n_flowers = len(flowers) - 1", "not the number of rows"),
            ("n_flowers = len", "the function `len` itself"),
        ],
        "mean_petal": [
            ("mean_petal = petal_lengths.mean", "the method `mean` itself"),
            ("mean_petal = flowers['sepal length (cm)'].mean()", "petal length"),
            ("mean_petal = petal_lengths.max()", "the largest"),
            ("mean_petal = len(petal_lengths)", "how many"),
        ],
        "long_petals": [
            ("n_long = (petal_lengths > 5)", "a pandas Series"),
            ("n_long = petal_lengths[petal_lengths > 5]", "a pandas Series"),
            ("n_long = (petal_lengths > 50).sum()", "centimetres"),
            ("n_long = (flowers['sepal length (cm)'] > 5).sum()", "another column"),
            ("n_long = len(petal_lengths > 5)", "every flower"),
        ],
        "to_inches": [
            ("def cm_to_inches(cm):\n    return 2.54 / cm", "upside down"),
            ("def cm_to_inches(cm):\n    return cm / 2.5", "2.54"),
            ("def cm_to_inches(cm):\n    return round(cm / 2.54)", "rounds"),
            ("def cm_to_inches():\n    return 1 / 2.54", "takes no argument"),
        ],
    },
    "01": {
        "features_and_labels": [
            ("X = digits\ny = digits.target", "the whole data set"),
            ("X = digits.data\ny = digits.target_names", "the names"),
            ("X = digits.data[:100]\ny = digits.target[:100]", "only"),
        ],
        "split_data": [
            (
                "X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=0.25, "
                "random_state=0)",
                "holds 75% of the images",
            ),
            (
                "X_test, X_train, y_test, y_train = train_test_split(X, y, test_size=0.25, "
                "random_state=0)",
                "swapped",
            ),
            (
                "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=25, "
                "random_state=0)",
                "25 images",
            ),
            (
                "X_train, X_test, y_test, y_train = train_test_split(X, y, test_size=0.25, "
                "random_state=0)",
                "in that order",
            ),
        ],
        "fit_model": [
            ("model = KNeighborsClassifier(n_neighbors=5).fit(X_train, y_test)", "match"),
            ("model = KNeighborsClassifier().fit(X_train[:100], y_train[:100])", "rows"),
            ("model = KNeighborsClassifier(n_neighbors=5)\nmodel.fit", "has not been fitted"),
            (
                "from sklearn.tree import DecisionTreeClassifier\n"
                "model = DecisionTreeClassifier().fit(X_train, y_train)",
                "KNeighborsClassifier",
            ),
        ],
        "predict_one": [
            ("prediction = y_test[0]", "the true label"),
            ("prediction = model.predict(X_train[:1])[0]", "training"),
            ("prediction = model.predict", "the method `predict` itself"),
            ("prediction = model.predict(X_test[-1:])[0]", "first test image"),
        ],
        "score_model": [
            ("accuracy = model.score", "the method `score` itself"),
            ("accuracy = model.score(X, y)", "every row"),
            ("accuracy = (model.predict(X_test) == y_test).sum()", "how many"),
            ("accuracy = 1 - model.score(X_test, y_test)", "error rate"),
        ],
        "save_model": [
            ('model_file = "digits-model.skops"', "There is no file"),
            (
                'model_file = "digits-model.skops"\nsio.dump(model, "model.skops")',
                "There is no file",
            ),
            ('sio.dump(model, "digits-model.skops")\nmodel_file = sio', "the file's name"),
        ],
    },
    "02": {
        "flipper_threshold": [
            ("flipper_threshold = 230", "Move it down"),
            ("flipper_threshold = penguins['flipper_length_mm'].mean()", "Move it up"),
            ("flipper_threshold = 'flipper_length_mm'", "a str"),
        ],
        "hand_accuracy": [
            (
                "said_gentoo = penguins['flipper_length_mm'] < flipper_threshold\n"
                "hand_accuracy = (said_gentoo == is_gentoo).mean()",
                "flip",
            ),
            (
                "said_gentoo = penguins['flipper_length_mm'] > flipper_threshold\n"
                "hand_accuracy = (said_gentoo == is_gentoo)",
                "mean",
            ),
            (
                "said_gentoo = penguins['flipper_length_mm'] > 200\n"
                "hand_accuracy = (said_gentoo == is_gentoo).mean()",
                "200",
            ),
        ],
        "stump": [
            ("stump = DecisionTreeClassifier(max_depth=2).fit(X_flipper, y_gentoo)", "max_depth"),
            ("stump = DecisionTreeClassifier", "the class DecisionTreeClassifier itself"),
            (
                "stump = DecisionTreeClassifier(max_depth=1).fit(X_flipper, is_gentoo == False)",
                "labels",
            ),
        ],
        "tree2": [
            (
                "X_bill = penguins[['bill_length_mm', 'bill_depth_mm']]\n"
                "y_species = penguins['species']\n"
                "tree2 = DecisionTreeClassifier(max_depth=3, random_state=0).fit(X_bill, y_species)",
                "depth",
            ),
            (
                "X_bill = penguins[['bill_length_mm', 'flipper_length_mm']]\n"
                "y_species = penguins['species']\n"
                "tree2 = DecisionTreeClassifier(max_depth=2, random_state=0).fit(X_bill, y_species)",
                "bill_depth_mm",
            ),
            (
                "X_bill = penguins[['bill_length_mm', 'bill_depth_mm']]\n"
                "y_species = penguins['species']\n"
                "tree2 = DecisionTreeClassifier(max_depth=2, random_state=0)",
                "not been fitted",
            ),
        ],
        "new_penguin_species": [
            ("new_penguin_species = tree2.predict(X_bill)[0]", "new_penguin"),
            ("new_penguin_species = stump.predict(new_penguin)[0]", "tree2"),
            ("new_penguin_species = 'Gentoo'", "you typed it in"),
        ],
        "train_accuracy_by_depth": [
            (
                "train_accuracy_by_depth = [DecisionTreeClassifier(max_depth=d, random_state=0)"
                ".fit(X_bill, y_species).score(X_bill, y_species) for d in range(1, 9)]",
                "a dict",
            ),
            (
                "train_accuracy_by_depth = {d: DecisionTreeClassifier(max_depth=d, random_state=0)"
                ".fit(X_bill, y_species).score(X_flipper, y_gentoo) for d in range(1, 9)}",
                "X_bill",
            ),
            (
                "train_accuracy_by_depth = {d: DecisionTreeClassifier(max_depth=d, random_state=0)"
                ".fit(X_bill, y_species) for d in range(1, 9)}",
                "accuracy",
            ),
        ],
    },
    "03": {
        "n_penguins": [
            ("n_penguins = 344", "typed the number in"),
            ("n_penguins = penguins.shape[1]", "columns"),
            ("n_penguins = len(penguins.dropna())", "missing"),
        ],
        "bills": [
            ("bills = penguins[['bill_length_mm']]", "bill_depth_mm"),
            ("bills = penguins.bill_length_mm", "a Series"),
            ("bills = penguins.loc[:, 'bill_length_mm':'flipper_length_mm']", "flipper_length_mm"),
        ],
        "chinstraps": [
            ("chinstraps = penguins[penguins['island'] == 'Dream']", "other species"),
            ("chinstraps = penguins.loc[penguins['species'] == 'Chinstrap', 'species']", "Series"),
            ("chinstraps = penguins[penguins['species'] == 'Chinstrap'].head()", "missing from"),
        ],
        "big_dream": [
            (
                "big_dream = penguins[(penguins['island'] == 'Dream') & (penguins['body_mass_g'] < 4000)]",
                "wrong way",
            ),
            ("big_dream = penguins[penguins['body_mass_g'] > 4000]", "Dream"),
            (
                "big_dream = penguins[(penguins['island'] == 'Biscoe') & (penguins['body_mass_g'] > 4000)]",
                "Dream",
            ),
        ],
        "heaviest_five": [
            ("heaviest_five = penguins.sort_values('body_mass_g').tail(5)", "NaN"),
            (
                "heaviest_five = penguins.sort_values('flipper_length_mm', ascending=False).head(5)",
                "body_mass_g",
            ),
            ("heaviest_five = penguins.sort_values('body_mass_g', ascending=False).head(3)", "5"),
            (
                "heaviest_five = penguins.sort_values('body_mass_g', ascending=False, inplace=True)",
                "None",
            ),
        ],
        "species_counts": [
            ("species_counts = penguins['species'].unique()", "count"),
            ("species_counts = penguins.value_counts()", "species"),
            (
                "species_counts = penguins['species'].value_counts",
                "the method `value_counts` itself",
            ),
            ("species_counts = penguins['species'].nunique()", "how many different species"),
        ],
        "gentoo_mean_flipper": [
            (
                "gentoo_mean_flipper = penguins.groupby('species')['flipper_length_mm'].mean()",
                "Series",
            ),
            (
                "gentoo_mean_flipper = penguins[penguins['species'] == 'Gentoo']['body_mass_g'].mean()",
                "flipper",
            ),
            (
                "gentoo_mean_flipper = penguins[penguins['species'] == 'Gentoo']['flipper_length_mm'].sum()",
                "total",
            ),
        ],
        "missing_per_column": [
            ("missing_per_column = penguins.isna().mean()", "share"),
            ("missing_per_column = penguins.notna().sum()", "non-missing"),
            ("missing_per_column = penguins.isna().any()", "True/False"),
        ],
    },
    "04": {
        "missing_share": [
            ("missing_share = titanic.isna().sum() / len(titanic.columns)", "columns"),
            ("missing_share = titanic.isna().mean().mean()", "single number"),
            ("missing_share = titanic.isnull().sum() / 100", "rows"),
        ],
        "class_clean": [
            ("class_clean = titanic['class'].dropna()", "*"),
            ("class_clean = titanic['class'].str.replace('*', '')", "missing"),
            ("class_clean = titanic['class'].replace('1st', np.nan)", "*"),
        ],
        "class_categorical": [
            ("class_categorical = class_clean.astype(str)", "categor"),
            (
                "class_categorical = class_clean.astype(class_type)\nclass_categorical = class_categorical.cat.codes",
                "not categorical",
            ),
            (
                "class_categorical = class_clean.astype(pd.CategoricalDtype(['1st', '2nd', '3rd']))",
                "ordered",
            ),
        ],
        "age_filled": [
            (
                "age_filled = passengers['age'].fillna(passengers['age'].mode()[0])",
                "not with the median",
            ),
            ("age_filled = passengers['age'].fillna(method='ffill')", "median"),
            (
                "age_filled = passengers['age'].fillna(passengers['age'].median()).round()",
                "changed some of the recorded ages",
            ),
            ("age_filled = passengers.fillna(passengers['age'].median())", "DataFrame"),
        ],
        "survival_by_sex": [
            (
                "survival_by_sex = passengers.groupby('sex')['survived'].count()",
                "numbers of passengers",
            ),
            ("survival_by_sex = passengers['survived'].mean()", "single number"),
            ("survival_by_sex = passengers.groupby('sex')[['survived']].mean()", "DataFrame"),
            ("survival_by_sex = passengers.groupby('sex')['age'].mean()", "survived"),
        ],
        "survival_table": [
            (
                "survival_table = passengers.pivot_table(index='class', columns='sex', "
                "values='age', aggfunc='mean', observed=True)",
                "survived",
            ),
            (
                "survival_table = passengers.pivot_table(index='class', columns='sex', "
                "values='survived', aggfunc='count', observed=True)",
                "count",
            ),
            (
                "survival_table = passengers.pivot_table(index='class', values='survived', "
                "aggfunc='mean', observed=True)",
                "sex",
            ),
        ],
        "survival_by_age_group": [
            (
                "age_group = pd.cut(passengers['age'], bins=age_bins, labels=age_labels)\n"
                "survival_by_age_group = passengers.groupby(age_group, observed=True)['survived'].sum()",
                "numbers of survivors",
            ),
            (
                "age_group = pd.cut(passengers['age'], bins=4, labels=age_labels)\n"
                "survival_by_age_group = passengers.groupby(age_group, observed=True)['survived'].mean()",
                "age_bins",
            ),
            (
                "age_group = pd.cut(passengers['age'], bins=age_bins, labels=age_labels)\n"
                "survival_by_age_group = age_group.value_counts()",
                "survived",
            ),
        ],
    },
    "05": {
        "split_data": [
            (
                # the default test_size is 0.25: right; shuffle=False is the mistake here
                "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, "
                "shuffle=False)",
                "shuffle",
            ),
            (
                "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=1)",
                "random_state=0",
            ),
            (
                "X_train, X_test, y_train, y_test = train_test_split(X.values, y.values, test_size=0.25, random_state=0)",
                "DataFrame",
            ),
            (
                "X_train, X_test, y_train, y_test = train_test_split(cancer, y, test_size=0.25, random_state=0)",
                "to predict",
            ),
        ],
        "baseline": [
            (
                "baseline = DummyClassifier().fit(X_test, y_test)\n"
                "baseline_score = baseline.score(X_test, y_test)",
                "test rows",
            ),
            (
                "baseline = DummyClassifier().fit(X_train, y_train)\n"
                "baseline_score = baseline.score(X_test, y_test) * 100",
                "percentage",
            ),
            (
                "baseline = DummyClassifier().fit(X_train, y_train)\n"
                "baseline_score = baseline.score",
                "the method `score` itself",
            ),
        ],
        "tree_scores": [
            (
                "tree = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)\n"
                "tree_train_score = tree.score(X_test, y_test)\n"
                "tree_test_score = tree.score(X_test, y_test)",
                "`tree_train_score` is",
            ),
            (
                "tree = DecisionTreeClassifier(random_state=0).fit(X_test, y_test)\n"
                "tree_train_score = tree.score(X_train, y_train)\n"
                "tree_test_score = tree.score(X_test, y_test)",
                "test rows",
            ),
            (
                "tree = DecisionTreeClassifier(random_state=0).fit(X_train, y_train)\n"
                "tree_train_score = tree.score(X_train, y_train)\n"
                "tree_test_score = tree.score(X, y)",
                "every row",
            ),
        ],
        "choose_depth": [
            (
                "scores = [DecisionTreeClassifier(max_depth=d, random_state=0).fit(X_train, y_train)"
                ".score(X_train, y_train) for d in depths]\n"
                "best_depth = depths[int(np.argmax(scores))]",
                "training rows",
            ),
            (
                "X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, random_state=0)\n"
                "scores = [DecisionTreeClassifier(max_depth=d, random_state=0).fit(X_fit, y_fit)"
                ".score(X_val, y_val) for d in depths]\n"
                "best_depth = int(np.argmax(scores))",
                "position",
            ),
            ("best_depth = max(depths)", "deepest"),
        ],
        "scale_after_split": [
            (
                "scaler = StandardScaler().fit(X_test)\n"
                "X_train_scaled = scaler.transform(X_train)\n"
                "X_test_scaled = scaler.transform(X_test)",
                "test rows",
            ),
            (
                "scaler = StandardScaler().fit(X_train)\n"
                "X_train_scaled = scaler.fit_transform(X_train)\n"
                "X_test_scaled = scaler.fit_transform(X_test)",
                "fit on the test rows",
            ),
            (
                "scaler = StandardScaler().fit(X_train)\n"
                "X_train_scaled = scaler.transform(X_train)\n"
                "X_test_scaled = X_test",
                "not scaled",
            ),
        ],
        "knn_pipeline": [
            (
                "knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier()).fit(X_train, y_train)\n"
                "knn_test_score = knn_model.score(X_test, y_test) * 100",
                "percentage",
            ),
            (
                "knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier()).fit(X_test, y_test)\n"
                "knn_test_score = knn_model.score(X_test, y_test)",
                "test rows",
            ),
            (
                "knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier())\n"
                "knn_test_score = knn_model.fit(X_train, y_train).score(X_train, y_train)",
                "training rows",
            ),
        ],
    },
    "06": {
        "fix_class_names": [
            (
                'class_fixes = {"versicolor": "Iris-versicolor"}\n'
                'iris["class"] = iris["class"].replace(class_fixes)',
                "Iris-setossa",
            ),
            (
                'class_fixes = {"versicolor": "Iris-versicolor", "Iris-setossa": "Iris-setosa"}\n'
                'iris["class"].replace(class_fixes)',
                "has not been applied",
            ),
            (
                'class_fixes = {"Iris-setossa": "Iris-setosa"}\n'
                'iris["class"] = iris["class"].replace(class_fixes)',
                "versicolor",
            ),
        ],
        "fix_units": [
            (
                'in_metres = iris["sepal_length_cm"] < 1\niris.loc[in_metres, "sepal_length_cm"] /= 100',
                "divid",
            ),
            (
                'in_metres = iris["sepal_length_cm"] < 1\niris["sepal_length_cm"][in_metres] *= 100',
                "would change a copy",
            ),
            (
                'in_metres = iris["sepal_length_cm"] < 10\niris.loc[in_metres, "sepal_length_cm"] *= 100',
                "Every row changed",
            ),
        ],
        "split_data": [
            (
                'X = iris.drop(columns="class")\ny = iris["class"]\n'
                "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)",
                "stratify",
            ),
            (
                'X = iris.drop(columns="class")\ny = iris[["class"]]\n'
                "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=0)",
                "Series",
            ),
            (
                'X = iris.drop(columns="class")\ny = iris["class"]\n'
                "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, stratify=y, random_state=0)",
                "50%",
            ),
        ],
        "build_pipeline": [
            ("model = make_pipeline(SimpleImputer(strategy='median'))", "classifier"),
            ("model = SimpleImputer(strategy='median')", "classifier"),
            (
                "model = make_pipeline(SimpleImputer(strategy='median'), KNeighborsClassifier()).fit",
                "the method `fit` itself",
            ),
            ("model = [SimpleImputer(strategy='median'), KNeighborsClassifier()]", "a list"),
        ],
        "cross_validate": [
            ("cv_scores = cross_val_score(model, X_train, y_train, cv=5).mean()", "single number"),
            ("cv_scores = cross_val_score(model, X_train, y_test, cv=5)", "Found input variables"),
            # Known false accept: on these 112 iris rows a plain KNN on zero-filled features
            # gets the very same five fold accuracies as the lesson's pipeline, so the scores
            # cannot tell the two apart.
            (
                "cv_scores = cross_val_score(KNeighborsClassifier(), X_train.fillna(0), y_train, cv=5)",
                "model",
            ),
        ],
        "baseline": [
            ("baseline_scores = cross_val_score(DummyClassifier(), X, y, cv=5)", "test"),
            (
                "baseline_scores = cross_val_score(DummyClassifier(), X_train, y_train, cv=3)",
                "cv=5",
            ),
            (
                "baseline_scores = cross_val_score(DummyClassifier(), X_train, y_train, cv=5).mean()",
                "single number",
            ),
        ],
        "final_score": [
            ("model.fit(X_test, y_test)\ntest_score = model.score(X_test, y_test)", "test rows"),
            ("model.fit(X, y)\ntest_score = model.score(X_test, y_test)", "every row"),
            ("model.fit(X_train, y_train)\ntest_score = model.score", "the method `score` itself"),
            ("test_score = baseline_scores.mean()", "baseline"),
        ],
        "reflection": [
            (
                "beats_baseline = np.mean(cv_scores) < np.mean(baseline_scores)\n"
                "one_flower = 1 / len(y_test)\n"
                'next_step = "Try other models and compare them with cross-validation."',
                "Compare",
            ),
            (
                "beats_baseline = True\none_flower = 1 / len(y_train)\n"
                'next_step = "Try other models and compare them with cross-validation."',
                "training",
            ),
            (
                "beats_baseline = True\none_flower = 1 / len(y_test)\nnext_step = ''",
                "sentence",
            ),
        ],
    },
}

ALTERNATIVES: dict[str, dict[str, list[str]]] = {
    "00": {
        "first_answer": ["answer = 7 * 6", "answer = 6 * 7.0"],
        "count_rows": ["n_flowers = flowers.shape[0]", "n_flowers = len(flowers.index)"],
        "mean_petal": [
            "mean_petal = petal_lengths.sum() / len(petal_lengths)",
            "import numpy as np\nmean_petal = np.mean(petal_lengths)",
        ],
        "long_petals": [
            "n_long = int((petal_lengths > 5).sum())",
            "n_long = len(petal_lengths[petal_lengths > 5])",
        ],
        "to_inches": [
            "def cm_to_inches(cm):\n    inches = cm / 2.54\n    return inches",
            "cm_to_inches = lambda cm: cm / 2.54",
        ],
    },
    "01": {
        "features_and_labels": ["X, y = digits.data, digits.target"],
        "split_data": [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=42)",
            "X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=0.75, random_state=0)",
        ],
        "fit_model": ["model = KNeighborsClassifier().fit(X_train, y_train)"],
        "predict_one": [
            "prediction = int(model.predict(X_test[:1])[0])",
            "prediction = model.predict([X_test[0]])[0]",
        ],
        "score_model": ["accuracy = (model.predict(X_test) == y_test).mean()"],
        "save_model": ['model_file = "digits-model.skops"\nsio.dump(model, file=model_file)'],
    },
    "02": {
        "flipper_threshold": ["flipper_threshold = 205.5", "flipper_threshold = 207"],
        "hand_accuracy": [
            "hand_accuracy = ((penguins['flipper_length_mm'] > flipper_threshold) == is_gentoo).mean()"
        ],
        "stump": [
            "stump = DecisionTreeClassifier(max_depth=1, random_state=0)\nstump.fit(X_flipper, y_gentoo)"
        ],
        "tree2": [
            "X_bill = penguins.loc[:, ['bill_length_mm', 'bill_depth_mm']]\ny_species = penguins.species\n"
            "tree2 = DecisionTreeClassifier(max_depth=2, random_state=0)\ntree2.fit(X_bill, y_species)"
        ],
        "new_penguin_species": ["new_penguin_species = str(tree2.predict(new_penguin)[0])"],
        "train_accuracy_by_depth": [
            "train_accuracy_by_depth = {d: DecisionTreeClassifier(max_depth=d, random_state=0)"
            ".fit(X_bill, y_species).score(X_bill, y_species) for d in range(1, 9)}"
        ],
    },
    "03": {
        "n_penguins": ["n_penguins = penguins.shape[0]"],
        "bills": ["bills = penguins.loc[:, ['bill_length_mm', 'bill_depth_mm']]"],
        "chinstraps": [
            "chinstraps = penguins.query('species == \"Chinstrap\"')",
            "chinstraps = penguins.loc[penguins.species == 'Chinstrap']",
        ],
        "big_dream": ["big_dream = penguins.query('island == \"Dream\" and body_mass_g > 4000')"],
        "heaviest_five": ["heaviest_five = penguins.nlargest(5, 'body_mass_g')"],
        "species_counts": ["species_counts = penguins.groupby('species').size()"],
        "gentoo_mean_flipper": [
            "gentoo_mean_flipper = penguins.groupby('species')['flipper_length_mm'].mean()['Gentoo']",
            "gentoo_mean_flipper = penguins.loc[penguins.species == 'Gentoo', 'flipper_length_mm'].mean()",
        ],
        "missing_per_column": ["missing_per_column = penguins.isnull().sum()"],
    },
    "04": {
        "missing_share": ["missing_share = titanic.isna().sum() / len(titanic)"],
        "class_clean": [
            "class_clean = titanic['class'].replace({'*': np.nan})",
            "class_clean = titanic['class'].where(titanic['class'] != '*')",
        ],
        "class_categorical": [
            "class_categorical = pd.Series(pd.Categorical(class_clean, categories=['1st', '2nd', '3rd'], ordered=True), index=class_clean.index, name=class_clean.name)"
        ],
        "age_filled": [
            "median_age = passengers['age'].median()\nage_filled = passengers['age'].fillna(median_age)"
        ],
        "survival_by_sex": ["survival_by_sex = passengers.groupby('sex')['survived'].agg('mean')"],
        "survival_table": [
            "survival_table = passengers.groupby(['class', 'sex'], observed=True)['survived'].mean().unstack()"
        ],
        "survival_by_age_group": [
            "survival_by_age_group = passengers.groupby(pd.cut(passengers['age'], bins=age_bins, labels=age_labels), observed=True)['survived'].mean()"
        ],
    },
    "05": {
        "split_data": [
            "X_train, X_test, y_train, y_test = train_test_split(X, y, train_size=0.75, random_state=0)"
        ],
        "baseline": [
            "baseline = DummyClassifier(strategy='most_frequent')\nbaseline.fit(X_train, y_train)\nbaseline_score = baseline.score(X_test, y_test)"
        ],
        "tree_scores": [
            "tree = DecisionTreeClassifier(random_state=0)\ntree.fit(X_train, y_train)\n"
            "tree_train_score = tree.score(X_train, y_train)\ntree_test_score = tree.score(X_test, y_test)"
        ],
        "choose_depth": [
            "X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.25, random_state=0)\n"
            "val_scores = {d: DecisionTreeClassifier(max_depth=d, random_state=0).fit(X_fit, y_fit).score(X_val, y_val) for d in depths}\n"
            "best_depth = max(depths, key=lambda d: (val_scores[d], -d))"
        ],
        "scale_after_split": [
            "scaler = StandardScaler()\nX_train_scaled = scaler.fit_transform(X_train)\nX_test_scaled = scaler.transform(X_test)"
        ],
        "knn_pipeline": [
            "knn_model = make_pipeline(StandardScaler(), KNeighborsClassifier())\nknn_model.fit(X_train, y_train)\n"
            "knn_test_score = knn_model.score(X_test, y_test)"
        ],
    },
    "06": {
        "fix_class_names": [
            'class_fixes = {"Iris-setossa": "Iris-setosa", "versicolor": "Iris-versicolor"}\n'
            'iris = iris.replace({"class": class_fixes})'
        ],
        "fix_units": [
            'in_metres = iris.sepal_length_cm < 1\niris.loc[in_metres, "sepal_length_cm"] *= 100'
        ],
        "split_data": [
            'X = iris.drop("class", axis=1)\ny = iris["class"]\n'
            "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, stratify=y, random_state=42)"
        ],
        "build_pipeline": [
            "model = make_pipeline(SimpleImputer(), KNeighborsClassifier())",
            "from sklearn.pipeline import Pipeline\nmodel = Pipeline([('impute', SimpleImputer(strategy='median')), ('knn', KNeighborsClassifier())])",
        ],
        "cross_validate": [
            "cv_scores = cross_val_score(model, X_train, y_train, cv=5, scoring='accuracy')"
        ],
        "baseline": [
            "baseline_scores = cross_val_score(DummyClassifier(strategy='most_frequent'), X_train, y_train, cv=5)"
        ],
        "final_score": [
            "model = model.fit(X_train, y_train)\ntest_score = model.score(X_test, y_test)"
        ],
        "reflection": [
            "beats_baseline = np.mean(cv_scores) > np.mean(baseline_scores)\none_flower = 1 / y_test.shape[0]\n"
            'next_step = "I would try a few other models and keep the test rows for the very end."'
        ],
    },
}

# Lessons 07-12: the same bar (issue 11). The words are what a specific message must say.
_SPLIT = 'X = faces.drop(columns="is_face")\ny = faces["is_face"]\n'
_GRID = (
    "make_pipeline(PCA(n_components=20, whiten=True, random_state=0), "
    'SVC(class_weight="balanced")),\n'
    '    param_grid={"svc__C": [1, 10, 100], "svc__gamma": [0.001, 0.01, 0.1]}, cv=5'
)
_FEATS = (
    "def add_features(frame):\n    frame = frame.copy()\n"
    '    frame["Title"] = frame["Name"].map(title_of).map(group_title)\n'
    '    frame["FamilySize"] = frame["SibSp"] + frame["Parch"] + 1\n'
    '    frame["LogFare"] = np.log1p(frame["Fare"])\n'
)
_CV = 'X = add_features(train)[FEATURES]\ny = train["Survived"]\n'
_SUB = "model.fit(X, y)\ntest_X = add_features(test)[FEATURES]\n"
_SUB_FRAME = (
    'submission = pd.DataFrame({"PassengerId": test["PassengerId"], '
    '"Survived": model.predict(test_X)})\n'
)
_PIPE = 'make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3), min_df=5), '
_LR = "LogisticRegression(max_iter=1000))\n"
_SCORES = "test_scores = model.predict_proba(X_test)[:, 1]\nblocked = test_scores > threshold\n"
_LEGIT = '(y_test == "legit").to_numpy()'
_MAL = '(y_test == "malicious").to_numpy()'
_GKF = "grouped_cv = GroupKFold(n_splits=5)\n"

MISTAKES.update(
    {
        "07": {
            "split_images": [
                (
                    _SPLIT + "X_train, X_test, y_train, y_test = train_test_split("
                    "X, y, test_size=0.5, stratify=y, random_state=0)",
                    "a quarter",
                ),
                (
                    _SPLIT + "X_train, X_test, y_train, y_test = train_test_split("
                    "X, X, test_size=0.25, random_state=0)",
                    "not one label per image",
                ),
                (
                    'X = faces.drop(columns="is_face")\ny = faces\n'
                    "X_train, X_test, y_train, y_test = train_test_split("
                    "X, y, test_size=0.25, stratify=y, random_state=0)",
                    "labels",
                ),
                (
                    _SPLIT + "X_train, X_test, y_train, y_test = train_test_split("
                    "X, y, test_size=0.75, stratify=y, random_state=0)",
                    "holds 75% of the images",
                ),
            ],
            "fit_pca": [
                ("pca = PCA(random_state=0).fit_transform(X_train)", "numpy ndarray"),
                ("pca = PCA(n_components=0.9, random_state=0).fit(X_train)", "keeps"),
                ("pca = PCA(random_state=0).fit(faces)", "is_face"),
                ("pca = PCA(random_state=0).fit(X_train[:100])", "training images"),
            ],
            "components_for_90": [
                (
                    "n_90 = int(np.argmax(np.cumsum(pca.explained_variance_ratio_) >= 90) + 1)",
                    "0.9",
                ),
                ("n_90 = np.cumsum(pca.explained_variance_ratio_) >= 0.9", "True/False"),
                (
                    "n_90 = int((np.cumsum(pca.explained_variance_ratio_) < 0.9).sum())",
                    "count from 0",
                ),
                ("n_90 = len(pca.explained_variance_ratio_)", "every component"),
            ],
            "tune_model": [
                (
                    "search = GridSearchCV(\n    " + _GRID + ").fit(X_test, y_test)",
                    "not on the 150 training images",
                ),
                (
                    'search = GridSearchCV(SVC(class_weight="balanced"),\n'
                    '    param_grid={"C": [1, 10, 100], "gamma": [0.001, 0.01, 0.1]}, cv=5)\n'
                    "search.fit(X_train, y_train)",
                    "PCA",
                ),
                (
                    "search = make_pipeline(PCA(n_components=20, whiten=True, random_state=0), "
                    'SVC(class_weight="balanced"))\nsearch.fit(X_train, y_train)',
                    "GridSearchCV",
                ),
            ],
            "confusion": [
                (
                    "y_pred = search.predict(X_test)\n"
                    'cm = confusion_matrix(y_test, y_pred, labels=["non-face", "face"])',
                    "order",
                ),
                ("y_pred = search.predict(X)\ncm = confusion_matrix(y, y_pred)", "test images"),
                ("y_pred = search.predict(X_test)\ncm = (y_pred == y_test).mean()", "counts"),
            ],
            "faces_missed": [
                ("faces_missed = int(cm[0].sum())", "every face"),
                ("faces_missed = int(cm[1, 1])", "non-faces"),
                ("faces_missed = cm[0, 1] / cm[0].sum()", "a count of images"),
            ],
        },
        "08": {
            "title_of": [
                (
                    "def title_of(name):\n"
                    '    return name.split(",")[1].split(".")[0].strip().lower()',
                    "capital",
                ),
                (
                    'def title_of(name):\n    return name.split(", ")[1].split(" ")[0]',
                    "full stop",
                ),
                ('def title_of(name):\n    return name.split(",")[0]', "family name"),
            ],
            "add_features": [
                (
                    _FEATS.replace('frame["SibSp"] + frame["Parch"]', 'frame["SibSp"]')
                    + "    return frame",
                    "Parch",
                ),
                (
                    _FEATS.replace('np.log1p(frame["Fare"])', 'np.log10(frame["Fare"] + 1)')
                    + "    return frame",
                    "log1p",
                ),
                (
                    _FEATS.replace('frame["Name"].map(title_of)', 'frame["Name"]')
                    + "    return frame",
                    "title_of",
                ),
                (_FEATS, "returns None"),
            ],
            "cross_validate": [
                (_CV + "cv_scores = cross_val_score(model, X, y, cv=5).mean()", "single number"),
                (
                    'X = add_features(train.head(500))[FEATURES]\ny = train["Survived"].head(500)\n'
                    "cv_scores = cross_val_score(model, X, y, cv=5)",
                    "every",
                ),
                (
                    _CV + 'cv_scores = cross_val_score(model, X, y, cv=5, scoring="f1")',
                    "accuracy",
                ),
            ],
            "submission": [
                (_SUB + _SUB_FRAME, "submission.csv"),
                (
                    _SUB
                    + _SUB_FRAME
                    + 'submission.to_csv("submission.csv", index=False, header=False)',
                    "PassengerId,Survived",
                ),
                (
                    "model.fit(X.head(600), y.head(600))\ntest_X = add_features(test)[FEATURES]\n"
                    + _SUB_FRAME
                    + 'submission.to_csv("submission.csv", index=False)',
                    "every training passenger",
                ),
                (
                    _SUB + 'submission = pd.DataFrame({"Survived": model.predict(test_X)})\n'
                    'submission.to_csv("submission.csv", index=False)',
                    "PassengerId",
                ),
            ],
            "pick_tweak": [
                (
                    "best_tweak = int(np.argmin(public_scores))\n"
                    "its_private = float(private_scores[best_tweak])",
                    "public score is not the best",
                ),
                (
                    "best_tweak = int(np.argmax(public_scores)) + 1\n"
                    "its_private = float(private_scores[best_tweak - 1])",
                    "public score is not the best",
                ),
                (
                    "best_tweak = max(public_scores)\nits_private = float(private_scores.max())",
                    "whole number",
                ),
            ],
        },
        "09": {
            "days_before": [
                (
                    'days_before = pres["electiondate"] - pres["polldate"]\n'
                    'pres["days_before"] = days_before',
                    ".dt.days",
                ),
                (
                    'days_before = (pres["electiondate"] - pres["polldate"]).dt.days / 7\n'
                    'pres["days_before"] = days_before',
                    "weeks",
                ),
                (
                    'pres["days_before"] = (pres["electiondate"] - pres["polldate"]).dt.days',
                    "`days_before`",
                ),
            ],
            "poll_average": [
                (
                    "def poll_average(race):\n"
                    '    weights = np.sqrt(race["samplesize"]) * 0.5 ** race["days_before"]\n'
                    '    return np.average(race["margin_poll"], weights=weights)',
                    "week",
                ),
                (
                    "def poll_average(race):\n"
                    '    return np.average(race["margin_poll"], weights=np.sqrt(race["samplesize"]))',
                    "age",
                ),
                (
                    "def poll_average(race):\n"
                    '    weights = np.sqrt(race["samplesize"] * 0.5 ** (race["days_before"] / 7))\n'
                    '    return np.average(race["margin_poll"], weights=weights)',
                    "square root",
                ),
            ],
            "house_effect": [
                (
                    'house_effect = history.groupby("pollster")["margin_poll"].mean()',
                    "own race",
                ),
                (
                    'race_mean = history.groupby("race_id")["margin_poll"].transform("mean")\n'
                    'house_effect = (history["margin_poll"] - race_mean).groupby('
                    'history["race_id"]).mean()',
                    "pollster",
                ),
                (
                    'race_mean = history.groupby("race_id")["margin_poll"].transform("mean")\n'
                    'house_effect = (history["margin_poll"] - race_mean).groupby('
                    'history["pollster"]).sum()',
                    "mean",
                ),
            ],
            "error_sd": [
                (
                    'error_sd = (history_races["average"] - history_races["actual"]).var()',
                    "variance",
                ),
                ('error_sd = history_races["average"].std()', "actual"),
                (
                    'error_sd = ((history_races["average"] - history_races["actual"]) ** 2).mean()',
                    "squared",
                ),
            ],
            "win_probability": [
                ('dem_win = norm.pdf(forecast["margin"] / error_sd)', "cdf"),
                ('dem_win = norm.cdf(forecast["margin"] * error_sd)', "error_sd"),
                ('dem_win = 1 - norm.cdf(forecast["margin"] / error_sd)', "Republican"),
                ('dem_win = 100 * norm.cdf(forecast["margin"] / error_sd)', "percent"),
            ],
            "inside_80": [
                (
                    'half_width = norm.ppf(0.9)\ninside_80 = float(((forecast["actual"] - '
                    'forecast["margin"]).abs() <= half_width).mean())',
                    "error_sd",
                ),
                (
                    'half_width = norm.ppf(0.9) * error_sd\ninside_80 = float(((forecast["actual"]'
                    ' - forecast["margin"]) <= half_width).mean())',
                    "both sides",
                ),
                (
                    'half_width = error_sd\ninside_80 = float(((forecast["actual"] - '
                    'forecast["margin"]).abs() <= half_width).mean())',
                    "80%",
                ),
            ],
        },
        "10": {
            "extract_names": [
                ('names = domains["domain"].str.split(".").str[1]', "first"),
                ('names = domains["domain"].str.rsplit(".", n=1).str[0]', "first dot"),
                ('names = domains["domain"].str[:-4]', "first dot"),
            ],
            "entropy": [
                (
                    "def entropy(text):\n    n = len(text)\n"
                    "    return -sum(math.log2(c / n) for c in Counter(text).values())",
                    "probability",
                ),
                (
                    "def entropy(text):\n"
                    "    return -sum(c * math.log2(c) for c in Counter(text).values())",
                    "probability",
                ),
                (
                    "def entropy(text):\n    words = Counter(text.split())\n    n = len(text.split())\n"
                    "    return -sum(c / n * math.log2(c / n) for c in words.values())",
                    "characters",
                ),
            ],
            "legit_names": [
                ('legit_names = train.loc[train["class"] == "dga", "name"]', "generated"),
                ('legit_names = train[train["class"] == "legit"]', "pandas DataFrame"),
                ('legit_names = train["class"] == "legit"', "True/False"),
            ],
            "false_alarms": [
                ('false_alarms = test[(test["class"] == "legit") | (predicted == "dga")]', "and"),
                ('false_alarms = (test["class"] == "legit") & (predicted == "dga")', "rows"),
                (
                    'false_alarms = ((test["class"] == "legit") & (predicted == "dga")).sum()',
                    "rows",
                ),
                ('false_alarms = test[test["class"] != predicted]', "both kinds"),
            ],
            "false_alarm_rate": [
                (
                    'false_alarm_rate = len(false_alarms) / (train["class"] == "legit").sum()',
                    "training",
                ),
                ("false_alarm_rate = len(false_alarms)", "count"),
                (
                    'false_alarm_rate = (test["class"] == "legit").sum() / len(false_alarms)',
                    "upside down",
                ),
                ('false_alarm_rate = (predicted == "dga").mean()', "every test row"),
            ],
            "score_new_names": [
                # Strip-only and lower-only cleaning are not listed: on these 200 lines the
                # space and the capitals sit after the first dot, so both give the right names.
                (
                    'new_names = raw.str.strip().str.lower().str.split(".").str[-1]\n'
                    "new_predictions = model.predict(features(new_names))",
                    "suffixes",
                ),
                (
                    'new_names = raw.str.strip().str.lower().str.split("/").str[0]\n'
                    "new_predictions = model.predict(features(new_names))",
                    "still contain a dot",
                ),
                (
                    "new_names = raw.str.strip().str.lower()\n"
                    "new_predictions = model.predict(features(new_names))",
                    "still contain a dot",
                ),
            ],
        },
        "11": {
            "count_repeats": [
                ('n_repeats = (sql_all["raw_sql"].value_counts() > 1).sum()', "rows"),
                ('n_repeats = len(sql_all["raw_sql"].drop_duplicates())', "different strings"),
                ('n_repeats = sql_all["raw_sql"].duplicated().any()', "numpy bool"),
            ],
            "split_data": [
                (
                    "X_train, X_test, y_train, y_test = train_test_split("
                    "X, y, train_size=0.25, stratify=y, random_state=0)",
                    "`train_size=0.25` was given",
                ),
                (
                    "X_test, X_train, y_test, y_train = train_test_split("
                    "X, y, test_size=0.25, stratify=y, random_state=0)",
                    "the parts are swapped",
                ),
                (
                    "X_train, X_test, y_test, y_train = train_test_split("
                    "X, y, test_size=0.25, stratify=y, random_state=0)",
                    "in the order it returns them",
                ),
            ],
            "build_model": [
                (
                    'model = make_pipeline(TfidfVectorizer(analyzer="word"), '
                    + _LR
                    + "model.fit(X_train, y_train)",
                    "punctuation",
                ),
                (
                    'model = make_pipeline(TfidfVectorizer(analyzer="char"), '
                    + _LR
                    + "model.fit(X_train, y_train)",
                    "ngram_range",
                ),
                (
                    "model = " + _PIPE + _LR + "model.fit(X_train[:500], y_train[:500])",
                    "was not fitted on `X_train, y_train`",
                ),
            ],
            "pick_threshold": [
                ("threshold = np.quantile(legit_oof, 0.9)", "1%"),
                ("threshold = legit_oof.max()", "higher than it needs"),
                ("threshold = np.percentile(legit_oof, 0.99)", "the wrong end"),
                ("threshold = float(np.mean(legit_oof))", "1%"),
            ],
            "test_rates": [
                # Known false accept: at the lesson's threshold no test row scores between 0.5 and
                # the threshold, so `model.predict` gives the very same rates; the numbers cannot
                # tell the two apart (the check does not read the learner's source).
                (
                    "test_scores = model.predict_proba(X_test)[:, 1]\n"
                    'blocked = model.predict(X_test) == "malicious"\n'
                    f"test_fpr = blocked[{_LEGIT}].mean()\ntest_recall = blocked[{_MAL}].mean()",
                    "threshold",
                ),
                (
                    _SCORES + 'test_fpr = (y_test[blocked] == "legit").mean()\n'
                    f"test_recall = blocked[{_MAL}].mean()",
                    "alarms",
                ),
                (
                    _SCORES + f"test_fpr = blocked[{_LEGIT}].mean()\n"
                    f"test_recall = blocked[{_MAL}].sum()",
                    "a count",
                ),
            ],
            "deployed_precision": [
                (
                    "caught = test_recall * INJECTION_RATE\n"
                    "deployed_precision = caught / (caught + test_fpr)",
                    "legitimate",
                ),
                (
                    "deployed_precision = test_recall / (test_recall + test_fpr)",
                    "INJECTION_RATE",
                ),
                (
                    "caught = test_recall * INJECTION_RATE\n"
                    "false_blocks = test_fpr * (1 - INJECTION_RATE)\n"
                    "deployed_precision = caught / false_blocks",
                    "alarms",
                ),
            ],
        },
        "12": {
            "flatten": [
                ("table = pd.json_normalize(docs, max_level=0)", "holds dictionaries"),
                ("table = pd.json_normalize(docs[:100], max_level=2)", "one row per document"),
                ('table = pd.json_normalize(docs, max_level=2, sep="/")', "joined with"),
                ("table = pd.DataFrame.from_records(docs)", "holds dictionaries"),
            ],
            "count_methods": [
                ("n_methods = methods.str.len().dropna()", "one value per"),
                ("n_methods = methods.fillna(0).str.len()", "still NaN"),
                ("n_methods = len(methods)", "single number"),
                ("n_methods = methods.notna().astype(int)", "whether"),
            ],
            "leaky_column": [
                ('leaky_column = "metadata.file_size"', "does not contain the label"),
                ('leaky_column = "file_name"', "not a column of `table`"),
                ('leaky_column = ["metadata.file_name"]', "name"),
                ('leaky_column = "metadata.entropy"', "says nothing about"),
            ],
            "library": [
                ('library = class_name.str.split("/").str[:3].str.join("/")', "first two parts"),
                ('library = class_name.str.split(".").str[:2].str.join(".")', "/"),
                ('library = class_name.str.split("/").str[:2].str.join(".")', "joined with"),
                ('library = class_name.str.split("/").str[1]', "first two parts"),
            ],
            "seen_share": [
                ("seen_share = 100 * library_test.isin(library_train).mean()", "percent"),
                ("seen_share = (~library_test.isin(library_train)).mean()", "not in training"),
                ("seen_share = library_test.nunique() / library_train.nunique()", "share of"),
            ],
            "grouped_split": [
                (
                    _GKF + "grouped_scores = cross_val_score(names_model, names_text, labels, "
                    "cv=grouped_cv, groups=labels)",
                    "the labels",
                ),
                (
                    _GKF + "grouped_scores = cross_val_score(names_model, names_text, labels, "
                    "cv=5, groups=library)",
                    "grouped_cv",
                ),
                (
                    _GKF + "grouped_scores = cross_val_score(names_model, names_text, library, "
                    "cv=grouped_cv, groups=library)",
                    "labels",
                ),
            ],
        },
    }
)

ALTERNATIVES.update(
    {
        "07": {
            "split_images": [
                'X = faces.drop("is_face", axis=1)\ny = faces.is_face\n'
                "X_train, X_test, y_train, y_test = train_test_split(\n"
                "    X, y, stratify=y, test_size=0.25, random_state=0)"
            ],
            "fit_pca": [
                "pca = PCA(random_state=0)\npca.fit(X_train)",
                "pca = PCA(random_state=0).fit(X_train, y_train)",
            ],
            "components_for_90": [
                "n_90 = int(np.searchsorted(np.cumsum(pca.explained_variance_ratio_), 0.9) + 1)",
            ],
            "tune_model": [
                "from sklearn.pipeline import Pipeline\n"
                'steps = [("pca", PCA(n_components=20, whiten=True, random_state=0)), '
                '("svc", SVC(class_weight="balanced"))]\n'
                'search = GridSearchCV(Pipeline(steps), {"svc__C": [1, 10], '
                '"svc__gamma": [0.001, 0.01]}, cv=3)\nsearch = search.fit(X_train, y_train)'
            ],
            "confusion": [
                "y_pred = search.best_estimator_.predict(X_test)\n"
                "cm = confusion_matrix(y_true=y_test, y_pred=y_pred)"
            ],
            "faces_missed": ["faces_missed = cm[0][1]"],
        },
        "08": {
            "title_of": [
                "def title_of(name):\n    import re\n"
                '    return re.search(r",\\s*([^.]*)\\.", name).group(1).strip()'
            ],
            "add_features": [
                "def add_features(frame):\n    return frame.assign(\n"
                '        Title=frame["Name"].apply(lambda n: group_title(title_of(n))),\n'
                "        FamilySize=frame.SibSp + frame.Parch + 1,\n"
                "        LogFare=np.log1p(frame.Fare),\n    )"
            ],
            "cross_validate": [
                "X = add_features(train).loc[:, FEATURES]\ny = train.Survived\n"
                "cv_scores = cross_val_score(model, X, y)"
            ],
            "submission": [
                "model = model.fit(X, y)\npreds = model.predict(add_features(test)[FEATURES])\n"
                'submission = test[["PassengerId"]].assign(Survived=preds)\n'
                'submission.to_csv("submission.csv", index=False)'
            ],
            "pick_tweak": [
                "best_tweak = list(public_scores).index(max(public_scores))\n"
                "its_private = private_scores[best_tweak]"
            ],
        },
        "09": {
            "days_before": [
                'pres["days_before"] = (pres["electiondate"] - pres["polldate"]).dt.days\n'
                'days_before = pres["days_before"]'
            ],
            "poll_average": [
                "def poll_average(race):\n"
                '    w = race["samplesize"] ** 0.5 * 2 ** (-race["days_before"] / 7)\n'
                '    return (w * race["margin_poll"]).sum() / w.sum()'
            ],
            "house_effect": [
                'rel = history["margin_poll"] - history.groupby("race_id")["margin_poll"]'
                '.transform(np.mean)\nhouse_effect = rel.groupby(history["pollster"]).mean()'
            ],
            "error_sd": [
                'error_sd = float(np.std(history_races["average"] - history_races["actual"], '
                "ddof=1))"
            ],
            "win_probability": ['dem_win = norm.cdf(forecast["margin"], loc=0, scale=error_sd)'],
            "inside_80": [
                'lo, hi = norm.interval(0.8, loc=forecast["margin"], scale=error_sd)\n'
                'inside_80 = float(((forecast["actual"] >= lo) & (forecast["actual"] <= hi)).mean())'
            ],
        },
        "10": {
            "extract_names": [
                'names = domains["domain"].str.partition(".")[0]',
                'names = domains["domain"].str.extract(r"^([^.]*)")[0]',
            ],
            "entropy": [
                "def entropy(text):\n    from scipy import stats\n"
                "    return float(stats.entropy(list(Counter(text).values()), base=2))"
            ],
            "legit_names": ['legit_names = train[train["class"] == "legit"]["name"]'],
            "false_alarms": [
                'false_alarms = test.loc[(test["class"] == "legit") & (predicted == "dga")]'
            ],
            "false_alarm_rate": [
                'false_alarm_rate = (predicted[(test["class"] == "legit").to_numpy()] == "dga")'
                ".mean()"
            ],
            "score_new_names": [
                'new_names = raw.str.lower().str.strip().str.partition(".")[0]\n'
                "new_predictions = model.predict(features(new_names))"
            ],
        },
        "11": {
            "count_repeats": [
                'n_repeats = len(sql_all) - sql_all["raw_sql"].nunique()',
                'n_repeats = sql_all["raw_sql"].duplicated(keep="last").sum()',
            ],
            "split_data": [
                "X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, "
                "random_state=0)"
            ],
            "build_model": [
                "from sklearn.pipeline import Pipeline\nmodel = Pipeline([\n"
                '    ("tfidf", TfidfVectorizer(analyzer="char", ngram_range=(2, 4), min_df=3)),\n'
                '    ("lr", LogisticRegression(max_iter=2000)),\n])\nmodel.fit(X_train, y_train)'
            ],
            "pick_threshold": ["threshold = float(np.percentile(legit_oof, 99))"],
            "test_rates": [
                _SCORES + f"test_fpr = float(blocked[{_LEGIT}].mean())\n"
                f"test_recall = float(blocked[{_MAL}].mean())"
            ],
            "deployed_precision": [
                "deployed_precision = 1 / (1 + test_fpr * (1 - INJECTION_RATE) / "
                "(test_recall * INJECTION_RATE))"
            ],
        },
        "12": {
            "flatten": ['table = pd.json_normalize([d for d in docs], max_level=2, sep=".")'],
            "count_methods": [
                "n_methods = methods.map(lambda m: len(m) if isinstance(m, list) else 0)"
            ],
            "leaky_column": [
                'leaky_column = table.columns[table.columns.str.endswith("file_name")][0]'
            ],
            "library": ['library = class_name.map(lambda n: "/".join(n.split("/")[:2]))'],
            "seen_share": ["seen_share = library_test.isin(set(library_train)).mean()"],
            "grouped_split": [
                "grouped_cv = GroupKFold(5)\ngrouped_scores = cross_val_score(names_model, "
                "names_text, labels, groups=library, cv=grouped_cv)"
            ],
        },
    }
)

# Lessons 13-15 (Domingos' lessons) keep theirs in a file of their own.
from mistakes_l13_l15 import ALTERNATIVES_L13_L15, MISTAKES_L13_L15  # noqa: E402

MISTAKES.update(MISTAKES_L13_L15)
ALTERNATIVES.update(ALTERNATIVES_L13_L15)

from mistakes_l19_l22 import ALTERNATIVES_L19_L22, MISTAKES_L19_L22  # noqa: E402

MISTAKES.update(MISTAKES_L19_L22)
ALTERNATIVES.update(ALTERNATIVES_L19_L22)

# Lessons 16-18 keep theirs in a file of their own too.
from mistakes_16_18 import ALTERNATIVES as _ALTERNATIVES_16_18  # noqa: E402
from mistakes_16_18 import MISTAKES as _MISTAKES_16_18  # noqa: E402

MISTAKES.update(_MISTAKES_16_18)
ALTERNATIVES.update(_ALTERNATIVES_16_18)
